package postbox.store.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.store.MessageInfo;
import postbox.store.MessageState;

/**
 * Brings {@code root/incoming} back to a clean state when a {@link FileMessageStore} opens, after a crash at any
 * point of a deposit's life:
 * <ul>
 * <li>still recording: the audio is whatever reached the file (header fixed from the file length, a torn last
 *     byte dropped); at least one second is filed as NEW, less is deleted;</li>
 * <li>committed up to the move of the WAV: the mailbox sidecar is written;</li>
 * <li>committed up to the mailbox sidecar: the incoming sidecar is deleted;</li>
 * <li>temp files, and WAVs whose sidecar was never written, are deleted.</li>
 * </ul>
 * An incoming sidecar that cannot be read is logged and left alone, with its WAV. Runs once, on the opening
 * thread, before the store is used.
 */
final class DepositRecovery {

    private static final Logger log = LoggerFactory.getLogger(DepositRecovery.class);

    private final FileMessageStore store;
    private final FileLayout layout;

    DepositRecovery(FileMessageStore store) {
        this.store = store;
        this.layout = store.layout();
    }

    void run() throws IOException {
        Path incoming = layout.incoming();
        AtomicFiles.deleteTemps(incoming);
        for (Path file : AtomicFiles.list(incoming)) {
            String id = FileLayout.stem(file, FileLayout.JSON);
            if (id != null && MessageIds.isValid(id)) {
                recover(file, id);
            }
        }
        for (Path file : AtomicFiles.list(incoming)) {
            String id = FileLayout.stem(file, FileLayout.WAV);
            if (id != null && !Files.exists(file.resolveSibling(id + FileLayout.JSON))) {
                AtomicFiles.delete(file);
                log.info("deleted {}: a deposit that crashed before its sidecar was written", file);
            }
        }
    }

    private void recover(Path incomingSidecar, String id) throws IOException {
        MessageInfo pending;
        try {
            pending = FileMessageStore.readSidecar(incomingSidecar, null, id);
        } catch (IOException e) {
            log.error("cannot recover the deposit described by {} (left in place): {}", incomingSidecar,
                    e.getMessage());
            return;
        }
        String mailbox = pending.mailbox();
        Path incomingWav = layout.incoming(id, FileLayout.WAV);
        Path filedWav = layout.message(mailbox, id, FileLayout.WAV);
        if (Files.exists(layout.message(mailbox, id, FileLayout.JSON))) {
            AtomicFiles.delete(incomingWav);
            AtomicFiles.delete(incomingSidecar);
            log.info("message {} for mailbox {} was filed; removed its leftover deposit sidecar", id, mailbox);
        } else if (Files.exists(filedWav)) {
            long samples = FileMessageStore.repairWav(filedWav);
            store.file(withDuration(pending, samples), filedWav, incomingSidecar);
            log.info("completed the interrupted commit of message {} for mailbox {} ({} ms)", id, mailbox,
                    WavHeader.millis(samples));
        } else if (Files.exists(incomingWav)) {
            long samples = FileMessageStore.repairWav(incomingWav);
            if (FileMessageStore.worthKeeping(samples)) {
                store.file(withDuration(pending, samples), incomingWav, incomingSidecar);
                log.info("recovered interrupted recording {} for mailbox {} as a new message of {} ms", id,
                        mailbox, WavHeader.millis(samples));
            } else {
                AtomicFiles.delete(incomingSidecar);
                AtomicFiles.delete(incomingWav);
                log.info("dropped interrupted recording {} for mailbox {}: {} ms is under one second", id,
                        mailbox, WavHeader.millis(samples));
            }
        } else {
            AtomicFiles.delete(incomingSidecar);
            log.info("dropped deposit sidecar {}: its audio is gone", incomingSidecar);
        }
    }

    private static MessageInfo withDuration(MessageInfo pending, long samples) {
        return new MessageInfo(pending.id(), pending.mailbox(), pending.from(), pending.receivedAt(),
                WavHeader.millis(samples), MessageState.NEW);
    }
}
