package tracker.journey;

/** One row of the message table. Times are epoch milliseconds. */
public record MessageRow(long id, String orderId, String phone, String phoneNorm, String templateId, String oaId,
                         String campaignId, String params, String requestId, String requestHash, boolean sandbox,
                         boolean simulated, String smsId, String status, String esmsCode, String esmsMessage,
                         String failureReason, String price, int attempts, Long nextAttemptAt, long createdAt,
                         long updatedAt, Long sendBefore) {
    public Status statusEnum() { return Status.valueOf(status); }
}
