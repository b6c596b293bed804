package org.sca.admin;

import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.Writer;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.sca.sip.Meters;

/** {@code GET /metrics}: the application's and the JVM's metrics in Prometheus' text format 0.0.4. */
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType(TextFormat.CONTENT_TYPE_004);
        try (Writer out = response.getWriter()) {
            TextFormat.write004(out, Meters.registry().metricFamilySamples());
        }
    }
}
