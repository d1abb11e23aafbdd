package tracker.ledger;

/** Told after a journey's data has committed, e.g. so a live dashboard can refresh. */
public interface Events {
    Events NONE = orderId -> { };

    void changed(String orderId);
}
