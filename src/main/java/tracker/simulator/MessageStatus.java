package tracker.simulator;

/**
 * A message's status as eSMS reports it. {@code rank} orders the states so a late {@code 7} never
 * overwrites a final {@code 5}: the truth only moves forward even when callbacks arrive out of order.
 */
record MessageStatus(int sendStatus, int sendSuccess, int sendFailed, int totalSent, double totalPrice,
                     String errorInfo, int rank) {

    static final double JOURNEY_PRICE = 220.0;
    static final String ERROR_114 = "{\"error\":-114,\"message\":\"User is inactive, or reject the message, "
            + "or using an outdated Zalo version, or other internal errors\"}";
    static final String ERROR_124 = "{\"error\":-124,\"message\":\"Access token is invalid\"}";
    static final String ERROR_118 = "{\"error\":-118,\"message\":\"Zalo account not existed or disabled\"}";
    static final String ERROR_133 = "{\"error\":-133,\"message\":\"Template is not allowed to send at this time\"}";

    static MessageStatus accepted() {
        return new MessageStatus(2, 0, 0, 0, 0.0, "", 0);
    }

    static MessageStatus waitingForApproval() {
        return new MessageStatus(1, 0, 0, 0, 0.0, "", 1);
    }

    static MessageStatus waitingToSend() {
        return new MessageStatus(2, 0, 0, 0, 0.0, "", 2);
    }

    static MessageStatus sentWaitingForReport() {
        return new MessageStatus(7, 0, 0, 1, 0.0, "", 3);
    }

    static MessageStatus delivered(String partnerId) {
        String info = "{\"data\":{\"message_id\":\"" + partnerId + "\"},\"error\":0,\"message\":\"Success\"}";
        return new MessageStatus(5, 1, 0, 1, JOURNEY_PRICE, info, 4);
    }

    static MessageStatus failed(String zaloError) {
        return new MessageStatus(5, 0, 1, 1, 0.0, zaloError, 4);
    }

    static MessageStatus rejected() {
        return new MessageStatus(4, 0, 1, 0, 0.0, "", 4);
    }
}
