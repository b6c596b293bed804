package org.sca.core;

import java.time.Instant;
import java.util.List;

/**
 * Call-info state that a publisher (typically the PBX) reported with PUBLISH (RFC 3903).
 *
 * @param etag        the entity tag the publisher refreshes or modifies it with
 * @param appearances the appearances it reported busy
 * @param expiresAt   when it lapses unless refreshed
 */
public record Publication(String etag, List<Appearance> appearances, Instant expiresAt) {

    public Publication {
        appearances = List.copyOf(appearances);
    }

    public Publication refreshed(String newEtag, Instant newExpiry) {
        return new Publication(newEtag, appearances, newExpiry);
    }

    /**
     * The line as subscribers see it: the server's own appearances win (it bridges those
     * calls, so it knows best); published ones fill indices the server has idle.
     */
    public static LineState overlay(LineState own, Iterable<Publication> publications) {
        LineState view = own;
        for (Publication p : publications) {
            for (Appearance a : p.appearances()) {
                if (own.isValidIndex(a.index()) && own.appearance(a.index()).state() == AppearanceState.IDLE) {
                    view = view.with(a);
                }
            }
        }
        return view;
    }
}
