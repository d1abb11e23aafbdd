package tracker.esms;


/** The latest definite answer eSMS gave to any of our calls, so /health can say when it refuses our account. */
public final class EsmsState implements EsmsClient.Listener {
    private record Last(String call, String code) {}

    private volatile Last last;

    @Override public void answered(String call, String code) {
        if (!"unreachable".equals(code)) last = new Last(call, code); // no answer says nothing about our credentials
    }

    /** "eSMS 101: eSMS refused our credentials … (latest answer, to send)", or null when not refused. */
    public String credentialRefusal() {
        Last l = last;
        if (l == null || !EsmsCodes.isCredentialRefusal(l.code())) return null;
        return EsmsCodes.describe(l.code(), null) + " (latest answer, to " + l.call() + ")";
    }
}
