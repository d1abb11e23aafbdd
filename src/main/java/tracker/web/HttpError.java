package tracker.web;

/** An answer only HTTP has words for (401 without credentials, 415 for a body type we do not read). */
public final class HttpError extends RuntimeException {
    private final int status;
    private final String field;

    public HttpError(int status, String error, String field) {
        super(error, null, false, false); // no stack trace: an expected answer, not a fault
        this.status = status;
        this.field = field;
    }

    public int status() { return status; }
    public String field() { return field; }
}
