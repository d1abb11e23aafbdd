package tracker.simulator;

import static tracker.simulator.SimTestSupport.answerEverything;
import static tracker.simulator.SimTestSupport.fast;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh simulator with short delays per test, and a MockWebServer playing the service it calls back. */
abstract class SimulatorTestBase {
    final SimulatorSettings settings = fast();

    @StartStop
    MockWebServer receiver = new MockWebServer();
    EsmsSimulator sim;

    @BeforeEach
    void start() {
        sim = new EsmsSimulator(settings).start();
        answerEverything(receiver, 200);
    }

    @AfterEach
    void stop() {
        sim.close();
    }
}
