package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import postbox.sip.CallState.Phase;
import postbox.sip.CallState.Send;
import postbox.sip.CallState.Step;

class CallStateTest {

    private final CallState state = new CallState();

    @Test
    void anAcceptedCallIsAnsweredThenEstablishedByTheAckThenEndedByTheRemoteBye() {
        assertThat(state.accept()).isEqualTo(new Step(Send.ANSWER, false, null));
        assertThat(state.ack()).isEqualTo(new Step(Send.NOTHING, true, null));
        assertThat(state.remoteBye()).isEqualTo(new Step(Send.NOTHING, false, EndReason.REMOTE_BYE));
        assertThat(state.phase()).isEqualTo(Phase.ENDED);
    }

    @Test
    void aCancelBeforeTheAnswerWins487AndTheListenerHearsItOnceItIsKnown() {
        assertThat(state.cancel()).isEqualTo(new Step(Send.REQUEST_TERMINATED, false, null));

        assertThat(state.accept()).isEqualTo(new Step(Send.NOTHING, false, EndReason.CANCELLED));
        assertThat(state.ack()).isEqualTo(Step.NONE);
        assertThat(state.remoteBye()).isEqualTo(Step.NONE);
    }

    @Test
    void aCancelAfterTheAnswerLosesTheRace() {
        state.accept();

        assertThat(state.cancel()).isEqualTo(Step.NONE);
        assertThat(state.phase()).isEqualTo(Phase.ANSWERED);
        assertThat(state.ack().established()).isTrue();
    }

    @Test
    void aHangupBeforeTheAnswerTurnsTheAcceptInto480() {
        assertThat(state.hangup()).isEqualTo(Step.NONE);

        assertThat(state.accept()).isEqualTo(new Step(Send.TEMPORARILY_UNAVAILABLE, false, EndReason.LOCAL_BYE));
        assertThat(state.phase()).isEqualTo(Phase.ENDED);
    }

    @Test
    void aHangupBeforeTheAckWaitsForTheAckThenSendsBye() {
        state.accept();

        assertThat(state.hangup()).isEqualTo(Step.NONE);
        assertThat(state.ack()).isEqualTo(new Step(Send.BYE, false, EndReason.LOCAL_BYE));
    }

    @Test
    void aHangupOfAnEstablishedCallSendsByeOnceHoweverOftenItIsCalled() {
        state.accept();
        state.ack();

        assertThat(state.hangup()).isEqualTo(new Step(Send.BYE, false, EndReason.LOCAL_BYE));
        assertThat(state.hangup()).isEqualTo(Step.NONE);
        assertThat(state.remoteBye()).isEqualTo(Step.NONE);
        assertThat(state.failed()).isEqualTo(Step.NONE);
    }

    @Test
    void noAckEndsTheCallWithByeAndTimeout() {
        state.accept();

        assertThat(state.ackTimeout()).isEqualTo(new Step(Send.BYE, false, EndReason.TIMEOUT));
        assertThat(state.ack()).isEqualTo(Step.NONE);
    }

    @Test
    void anAckTimeoutAfterTheAckChangesNothing() {
        state.accept();
        state.ack();

        assertThat(state.ackTimeout()).isEqualTo(Step.NONE);
        assertThat(state.phase()).isEqualTo(Phase.ESTABLISHED);
    }

    @Test
    void aRejectedCallSendsTheRejectionAndHasNoListenerToTell() {
        assertThat(state.reject()).isEqualTo(new Step(Send.REJECT, false, null));
        assertThat(state.cancel()).isEqualTo(Step.NONE);
        assertThat(state.reject()).isEqualTo(Step.NONE);
    }

    @Test
    void aFailureEndsTheCallWithError() {
        state.accept();

        assertThat(state.failed()).isEqualTo(new Step(Send.NOTHING, false, EndReason.ERROR));
    }

    @Test
    void closingByesAnsweredCallsWithoutWaitingForTheAck() {
        state.accept();

        assertThat(state.shutdown()).isEqualTo(new Step(Send.BYE, false, EndReason.LOCAL_BYE));
    }
}
