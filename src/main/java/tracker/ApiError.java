package tracker;

/** An answer the client should see: status, a readable message and the offending field (or null). */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String field;

    public ApiError(int status, String error, String field) {
        super(error, null, false, false); // no stack trace: these are expected answers, not faults
        this.status = status;
        this.field = field;
    }

    public static ApiError badRequest(String error, String field) { return new ApiError(400, error, field); }
    public static ApiError notFound(String error) { return new ApiError(404, error, null); }
    public static ApiError conflict(String error, String field) { return new ApiError(409, error, field); }
    public static ApiError unavailable(String error) { return new ApiError(503, error, null); }

    public int status() { return status; }
    public String field() { return field; }
}
