package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tracker.App;
import tracker.Config;

/** What the service refuses to start on: a database without WAL, or real keys with nothing closing the API. */
class StartupChecksTest extends ChildTestBase {

    @Test
    void start_up_refuses_a_database_that_cannot_run_in_wal_mode() {
        Config config = Config.fromEnv(Map.of("DATABASE_URL", "jdbc:sqlite::memory:", "ESMS_SIMULATOR", "off",
                "ESMS_API_KEY", "k", "ESMS_SECRET_KEY", "s", "ESMS_OAID", "1", "API_TOKEN", "startup-checks-token-0123"));
        assertThatThrownBy(() -> App.create(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WAL").hasMessageContaining("synchronous");
    }

    @Test
    void with_the_simulator_off_and_no_api_token_the_service_refuses_to_start_saying_what_to_set() throws Exception {
        ChildService unstarted = new ChildService(dir, "https://rest.esms.vn", Map.of());
        unstarted.env.remove("API_TOKEN");
        Path out = dir.resolve("stdout.txt"), err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "tracker.App").redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(unstarted.env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the service exits by itself").isTrue();

        List<String> lines = Files.readAllLines(err);
        assertThat(p.exitValue()).isNotZero();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("configuration error: API_TOKEN is required when the simulator is off")
                .contains("openssl rand").contains("HOST=127.0.0.1");
        assertThat(Files.readString(out)).as("nothing was started").doesNotContain("listening");
    }

    @Test
    void host_127_0_0_1_runs_without_a_token_and_cannot_be_reached_from_another_address() throws IOException {
        InetAddress external = nonLoopbackAddress();
        startChild(Map.of("HOST", "127.0.0.1"));

        assertThat(child.get("/api/journeys").status()).as("open, on this machine").isEqualTo(200);
        try (Socket local = new Socket()) {
            local.connect(new InetSocketAddress("127.0.0.1", child.port), 5000); // control: it really listens
        }
        assertThatThrownBy(() -> {
            try (Socket outside = new Socket()) {
                outside.connect(new InetSocketAddress(external, child.port), 5000);
            }
        }).isInstanceOf(IOException.class);
    }

    /** An IPv4 address of this machine that is not loopback, to call from "outside". */
    static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) return a;
            }
        }
        throw new AssertionError("this test needs a non-loopback IPv4 address on this machine");
    }
}
