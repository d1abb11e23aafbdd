package tracker.simulator;

import java.util.concurrent.atomic.AtomicReference;

/** One accepted (non-sandbox) send and its current truth, which lookups report even when callbacks were lost. */
record Message(String smsId, String phone, String oaId, String tempId, String requestId, String callbackUrl,
               String partnerId, String telcoId, ErrorInfoEncoding encoding, Outcomes.Outcome outcome,
               AtomicReference<MessageStatus> status) {

    /** Moves to {@code next} unless the message is already further along; returns the status now held. */
    MessageStatus advance(MessageStatus next) {
        return status.updateAndGet(current -> next.rank() > current.rank() ? next : current);
    }

    MessageStatus current() {
        return status.get();
    }

    boolean hasCallbackUrl() {
        return callbackUrl != null && !callbackUrl.isBlank();
    }

    /** The status a final callback announces for this message's outcome. */
    MessageStatus finalStatus() {
        return switch (outcome.result()) {
            case DELIVERED -> MessageStatus.delivered(partnerId);
            case FAILED_114 -> MessageStatus.failed(MessageStatus.ERROR_114);
            case FAILED_124 -> MessageStatus.failed(MessageStatus.ERROR_124);
            case FAILED_118 -> MessageStatus.failed(MessageStatus.ERROR_118);
            case FAILED_133 -> MessageStatus.failed(MessageStatus.ERROR_133);
            case REJECTED -> MessageStatus.rejected();
        };
    }
}
