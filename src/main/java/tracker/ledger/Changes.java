package tracker.ledger;

/** Told after a journey's data has committed, e.g. so a live dashboard can refresh. Must not block. */
public interface Changes {
    void changed(String orderId);
}
