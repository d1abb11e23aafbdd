package tracker.callback;

import java.util.regex.Pattern;
import tracker.esms.ZaloErrors;
import tracker.ledger.FailureKind;
import tracker.ledger.Refused;
import tracker.ledger.Report;
import tracker.ledger.Status;

/**
 * What one eSMS callback says, in our terms. Plain rules, no I/O:
 * 1 → PENDING_APPROVAL, 2 → WAITING, 7 → SENT, 4 → REJECTED, 5 → DELIVERED or FAILED by the counts.
 */
public record CallbackReport(String smsId, int sendStatus, Status status, String price, ErrorInfo errorInfo,
                             String failureReason, String note, Sent sent) {
    /** What the callback says about the send itself: Zalo's message id, the message type, the OA and template. */
    public record Sent(String zaloMessageId, String typeId, String oaId, String tempId) {}

    private static final Pattern INT = Pattern.compile("-?\\d{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,15}(\\.\\d{1,6})?");

    public static CallbackReport from(Fields f) {
        String smsId = f.get("SMSID");
        if (smsId == null || smsId.isBlank()) throw Refused.invalid("SMSID is missing", "SMSID");
        if (smsId.length() > 100 || smsId.chars().anyMatch(Character::isISOControl)) {
            throw Refused.invalid("SMSID is not a valid eSMS id", "SMSID");
        }
        int sendStatus = number(f.get("SendStatus"), "SendStatus", true);
        int success = number(f.get("SendSuccess"), "SendSuccess", false);
        int failed = number(f.get("SendFailed"), "SendFailed", false);
        ErrorInfo info = ErrorInfo.decode(f.get("error_info"));
        String priceText = f.get("TotalPrice");
        String price = priceText != null && DECIMAL.matcher(priceText).matches() ? priceText : null;
        Status status = null;
        String reason = null, note = null;
        Integer zalo = info == null ? null : info.error();
        switch (sendStatus) {
            case 1 -> status = Status.PENDING_APPROVAL;
            case 2 -> status = Status.WAITING;
            case 7 -> status = Status.SENT;
            case 4 -> {
                status = Status.REJECTED;
                reason = info != null && info.reason() != null ? info.reason() : "eSMS rejected the message (SendStatus=4)";
            }
            case 5 -> {
                if (success >= 1) {
                    status = Status.DELIVERED;
                    if (zalo != null && zalo != 0) note = "error_info reports Zalo error " + zalo + " but SendSuccess=" + success + "; the counts win";
                } else if (failed >= 1) {
                    status = Status.FAILED;
                    reason = info != null && info.reason() != null ? info.reason()
                            : "eSMS reported the message as failed (SendFailed=" + failed + ") without a reason";
                    if (zalo != null && zalo == 0) note = "error_info reports success but SendFailed=" + failed + "; the counts win";
                } else {
                    note = "sending finished but SendSuccess and SendFailed are both 0: no outcome yet";
                }
            }
            default -> note = "unknown SendStatus " + sendStatus + ": stored, status unchanged";
        }
        Sent sent = new Sent(plain(f.get("partnerids")), plain(f.get("TypeId")), plain(f.get("oaid")), plain(f.get("tempid")));
        return new CallbackReport(smsId, sendStatus, status, price, info, reason, note, sent);
    }

    /** What the ledger keeps besides the status: a failure's kind, eSMS's own time, Zalo's message id. */
    public Report.Facts facts() {
        FailureKind kind = status != null && status.isFailure()
                ? ZaloErrors.kind(errorInfo == null ? null : errorInfo.error()) : null;
        return new Report.Facts(kind, errorInfo == null ? null : errorInfo.reportedAt(), sent.zaloMessageId(), null,
                status == Status.DELIVERED && errorInfo != null ? errorInfo.onPhoneAt() : null);
    }

    /** A short printable value, or null: these are stored and compared, never trusted for more. */
    private static String plain(String v) {
        if (v == null || v.isBlank() || v.length() > 100 || v.chars().anyMatch(Character::isISOControl)) return null;
        return v.strip();
    }

    private static int number(String text, String field, boolean required) {
        if (text == null || text.isEmpty()) {
            if (required) throw Refused.invalid(field + " is missing", field);
            return 0;
        }
        if (!INT.matcher(text.strip()).matches()) throw Refused.invalid(field + " must be a whole number", field);
        return Integer.parseInt(text.strip());
    }
}
