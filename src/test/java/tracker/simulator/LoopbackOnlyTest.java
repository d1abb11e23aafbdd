package tracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoopbackOnlyTest {

    @Test
    void simulator_is_not_reachable_on_a_non_loopback_address() throws Exception {
        Optional<InetAddress> external = nonLoopbackAddress();
        assertThat(external).as("a non-loopback IPv4 address of this machine to call from").isPresent();
        try (EsmsSimulator sim = new EsmsSimulator(SimTestSupport.fast()).start()) {
            int port = Integer.parseInt(sim.baseUrl().substring(sim.baseUrl().lastIndexOf(':') + 1));
            try (Socket local = new Socket()) {
                local.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                assertThat(local.isConnected()).isTrue(); // control: the port is really listening
            }
            assertThatThrownBy(() -> {
                try (Socket outside = new Socket()) {
                    outside.connect(new InetSocketAddress(external.get(), port), 1000);
                }
            }).isInstanceOf(IOException.class);
        }
    }

    static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
