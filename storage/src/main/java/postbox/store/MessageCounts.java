package postbox.store;

/** How many messages of each live state a mailbox holds (what MWI and "you have N new messages" say). */
public record MessageCounts(int newCount, int oldCount, int savedCount) {
    public static final MessageCounts EMPTY = new MessageCounts(0, 0, 0);
}
