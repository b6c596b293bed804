package org.sca.bench;

import java.util.HashMap;
import java.util.Map;
import org.sca.it.SipMessage;

/**
 * The PBX is one device for every line (one trunk address, as a real PBX): its messages go to
 * the line whose call they belong to, by Call-ID. Messages of a call already given up are
 * answered as a PBX that forgot the call would.
 */
final class CallRouter implements Device.Handler {

    private final Map<String, BenchLine> lines = new HashMap<>();

    void route(String callId, BenchLine line) {
        lines.put(callId, line);
    }

    void forget(String callId) {
        lines.remove(callId);
    }

    @Override
    public void onRequest(Device device, SipMessage request, long arrivedNanos) {
        BenchLine line = lines.get(request.callId());
        if (line != null) {
            line.onRequest(device, request, arrivedNanos);
        } else if (!request.method().equals("ACK")) {
            device.reply(request, 481, "Call/Transaction Does Not Exist", null);
        }
    }

    @Override
    public void onResponse(Device device, SipMessage response, long arrivedNanos) {
        BenchLine line = lines.get(response.callId());
        if (line != null) {
            line.onResponse(device, response, arrivedNanos);
        }
    }
}
