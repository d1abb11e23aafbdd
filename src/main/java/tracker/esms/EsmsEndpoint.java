package tracker.esms;

import tracker.Config;
import tracker.simulator.EsmsSimulator;
import tracker.simulator.SimulatorSettings;

/** Where the eSMS client points: the real eSMS, or the embedded simulator when it is on. */
public record EsmsEndpoint(String baseUrl, String statusBaseUrl, String apiKey, String secretKey, boolean simulated,
                           AutoCloseable simulator) implements AutoCloseable {

    public static final String SIMULATED_OAID = "4097311281936189049";

    public static EsmsEndpoint start(Config config) {
        if (!config.simulatorOn()) {
            return new EsmsEndpoint(config.esmsBaseUrl(), config.esmsStatusBaseUrl(), config.esmsApiKey(),
                    config.esmsSecretKey(), false, null);
        }
        SimulatorSettings settings = SimulatorSettings.defaults();
        if (config.simulatorSeed() != null) settings = settings.withSeed(config.simulatorSeed());
        EsmsSimulator sim = new EsmsSimulator(settings).start();
        return new EsmsEndpoint(sim.baseUrl(), sim.baseUrl(), settings.apiKey(), settings.secretKey(), true, sim);
    }

    @Override
    public void close() {
        if (simulator == null) return;
        try {
            simulator.close();
        } catch (Exception e) {
            throw new IllegalStateException("simulator did not stop cleanly", e);
        }
    }
}
