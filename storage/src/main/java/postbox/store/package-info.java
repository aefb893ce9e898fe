/**
 * Where messages, mailboxes and greetings live: the SPI ({@link postbox.store.MessageStore},
 * {@link postbox.store.MailboxDirectory}, {@link postbox.store.GreetingStore}) and its embedded default on
 * local disk (WAV + JSON sidecar, temp file + fsync + atomic rename), which needs nothing installed.
 *
 * <p>Audio crosses this SPI as 8 kHz mono 16-bit PCM (WAV files when whole). Every implementation passes the
 * contract suites in this module's test jar ({@code MessageStoreContract}, {@code MailboxDirectoryContract},
 * {@code GreetingStoreContract}).
 *
 * <p>For multi-node sync (see {@code postbox.store.nats}) the SPI exports and restores a mailbox's configuration
 * ({@link postbox.store.MailboxEntry}), tells {@link postbox.store.DirectoryListener}s and
 * {@link postbox.store.GreetingListener}s of changes, and removes handed-over messages
 * ({@link postbox.store.MessageStore#remove}).
 *
 * <p>Rules shared by every implementation live here too: {@link postbox.store.MailboxId} (what a mailbox number
 * is), {@link postbox.store.PinPolicy} (what a PIN may be) and {@link postbox.store.PinHasher} (how PINs are
 * stored).
 */
package postbox.store;
