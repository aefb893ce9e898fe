/**
 * Where messages, mailboxes and greetings live: the SPI ({@link postbox.store.MessageStore},
 * {@link postbox.store.MailboxDirectory}, {@link postbox.store.GreetingStore}) and its embedded default on
 * local disk (WAV + JSON sidecar, temp file + fsync + atomic rename), which needs nothing installed.
 *
 * <p>Audio crosses this SPI as 8 kHz mono 16-bit PCM (WAV files when whole). Every implementation passes the
 * contract suites in this module's test jar.
 */
package postbox.store;
