package org.sca.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** The operator's HTTP API of the shared container, as an account (or none) calls it. */
final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Optional<String> authorization;
    /** The application's context URL, without the trailing slash. */
    private final String application;

    /** A reply: status, headers and body. */
    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private AdminClient(Optional<String> authorization, String application) {
        this.authorization = authorization;
        this.application = application.replaceFirst("/$", "");
    }

    /** As the operator account the container was started with, on the application at {@code sca}. */
    static AdminClient operator(URL sca) {
        return as(sca, Container.ADMIN_USER, Container.ADMIN_PASSWORD);
    }

    /** As the operator, on a container of a test's own (its war in webapps/). */
    static AdminClient operatorOf(Container container) {
        return new AdminClient(Optional.of(basic(Container.ADMIN_USER, Container.ADMIN_PASSWORD)), container.httpBase() + "/sca");
    }

    static AdminClient as(URL sca, String user, String password) {
        return new AdminClient(Optional.of(basic(user, password)), sca.toString());
    }

    static AdminClient anonymous(URL sca) {
        return new AdminClient(Optional.empty(), sca.toString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** @param path under the application, e.g. {@code /api/lines} */
    Reply get(String path) {
        return send(request(path).GET());
    }

    /** One series of the application's Prometheus exposition ({@code /metrics}); 0 when it is not there. */
    double metric(String series) {
        return AdminAccessIT.value(get("/metrics").body(), series);
    }

    Reply post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The line's JSON, which must exist. */
    JsonNode line(String id) {
        Reply r = get("/api/lines/" + id);
        if (r.status() != 200) {
            throw new AssertionError("GET line " + id + ": " + r);
        }
        return r.json();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(application + path))
                .timeout(Duration.ofSeconds(15));
        authorization.ifPresent(a -> b.header("Authorization", a));
        return b;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
