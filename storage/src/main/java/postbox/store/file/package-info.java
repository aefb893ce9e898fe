/**
 * The embedded default storage on local disk, needing nothing installed: {@link
 * postbox.store.file.FileMessageStore} (WAV + JSON sidecar per message, crash-safe deposits recovered at open),
 * {@link postbox.store.file.FileMailboxDirectory} (one JSON per mailbox, PBKDF2 PIN hashes, lockout) and {@link
 * postbox.store.file.FileGreetingStore}. All three may share one data root; see {@code FileLayout} for the tree.
 *
 * <p>Every write of a JSON file or WAV, and every move, is: temp file in the same folder, write, fsync, atomic
 * rename, fsync of the folder. A reader (or a restart after a crash) therefore sees a file whole or not at all.
 */
package postbox.store.file;
