package org.sca.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    @Test
    void limitsComeFromTheStackPropertiesWithDefaults() {
        assertEquals(ConnectionLimits.DEFAULTS, ConnectionLimits.from(new Properties()));
        Properties p = new Properties();
        p.setProperty("org.sca.stack.MAX_CONNECTIONS_PER_SOURCE", "8");
        p.setProperty("org.sca.stack.IDLE_CONNECTION_SECONDS", "5");
        assertEquals(new ConnectionLimits(8, Duration.ofSeconds(5), ConnectionLimits.IDLE_FLOW), ConnectionLimits.from(p));
        p.setProperty("org.sca.stack.IDLE_FLOW_SECONDS", "ten");
        assertThrows(IllegalArgumentException.class, () -> ConnectionLimits.from(p));
        p.setProperty("org.sca.stack.IDLE_FLOW_SECONDS", "1");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionLimits.from(p)).getMessage()
                .contains("a flow idle time no shorter than it"));
    }
}
