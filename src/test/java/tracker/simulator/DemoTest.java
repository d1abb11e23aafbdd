package tracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.TestServer;

class DemoTest {
    @TempDir Path dir;

    @Test
    void the_demo_leaves_journeys_that_are_delivered_failed_and_still_open() throws Exception {
        try (TestServer server = new TestServer(dir, null, Map.of("ESMS_SIMULATOR", "on", "ESMS_OAID", ""))) {
            List<String> orders = new Demo("http://localhost:" + server.port(), null).play(Duration.ofMillis(1100)); // under the simulator's (and eSMS's) 20 sends/s
            assertThat(orders).hasSize(Demo.ORDERS.size());
            TestServer.await("delivered and failed journeys", () ->
                    server.get("/api/journeys/DEMO-1001").json().get("status").asText().equals("DELIVERED")
                    && server.get("/api/journeys/DEMO-1002").json().get("status").asText().equals("FAILED"));
            assertThat(server.get("/api/journeys/DEMO-1001").json().get("messages")).hasSize(4);
            assertThat(server.get("/api/journeys/DEMO-1007").json().get("status").asText()).isEqualTo("ACTIVE");
            assertThat(server.get("/api/journeys?limit=50").json().get("journeys")).hasSize(Demo.ORDERS.size());
        }
    }
}
