package postbox.ivr.voicemail;

import java.io.IOException;
import postbox.media.PcmOutput;
import postbox.store.Deposit;

/**
 * Feeds a recorder's audio into a deposit. Called on the recorder's writer thread only (the deposit's one
 * writer); the flow touches the deposit again only after {@link postbox.ivr.Call#record} returned (drained).
 */
public record DepositOutput(Deposit deposit) implements PcmOutput {

    @Override
    public void write(short[] samples, int offset, int count) throws IOException {
        deposit.write(samples, offset, count);
    }

    @Override
    public void checkpoint() throws IOException {
        deposit.checkpoint();
    }
}
