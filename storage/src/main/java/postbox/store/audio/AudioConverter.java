package postbox.store.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Converts audio between the store's WAV (8 kHz mono 16-bit PCM) and other formats through FFmpeg (JavaCV):
 * message export as MP3 or Opus, and greeting import from any format FFmpeg reads. FFmpeg's natives load on the first
 * conversion (about half a second, unpacked once to {@code ~/.javacpp/cache}); WAV to WAV needs none of it.
 * Stateless; thread-safe (each conversion has its own grabber and recorder).
 */
public final class AudioConverter {

    /** The store's sample rate. */
    public static final int RATE = 8000;
    /** Longest input read into memory (a 60-minute WAV at 8 kHz is 58 MB). */
    private static final int MAX_INPUT_BYTES = 256 * 1024 * 1024;
    private static final javax.sound.sampled.AudioFormat PCM =
            new javax.sound.sampled.AudioFormat(RATE, 16, 1, true, false);

    static {
        FFmpegLogCallback.setLevel(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }

    private AudioConverter() {
    }

    /**
     * {@code audio} as a WAV the stores take: a RIFF/WAVE body is passed through as it is (the store converts any
     * WAV); anything else is decoded by FFmpeg to 8 kHz mono.
     *
     * @throws IllegalArgumentException when FFmpeg cannot read it as audio (the sentence says so)
     */
    public static InputStream toWav(InputStream audio) throws IOException {
        BufferedInputStream in = new BufferedInputStream(audio);
        return startsAsWav(in) ? in : new ByteArrayInputStream(wav(decode(in)));
    }

    /**
     * Whether {@code in} starts with the RIFF/WAVE magic, read without consuming it ({@code in} must support mark).
     * Checked before any Java Sound reader sees a body: which readers are installed depends on the class path.
     */
    public static boolean startsAsWav(InputStream in) throws IOException {
        in.mark(12);
        byte[] magic = in.readNBytes(12);
        in.reset();
        return magic.length == 12 && new String(magic, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                && new String(magic, 8, 4, StandardCharsets.US_ASCII).equals("WAVE");
    }

    /**
     * The store's WAV {@code wav} in {@code format}.
     *
     * @throws IllegalArgumentException when {@code wav} is not audio FFmpeg reads
     */
    public static byte[] convert(InputStream wav, AudioFormat format) throws IOException {
        if (format == AudioFormat.WAV) {
            return wav.readAllBytes();
        }
        return encode(decode(wav), format);
    }

    /** Decodes any audio FFmpeg reads to 8 kHz mono 16-bit samples. */
    static short[] decode(InputStream audio) throws IOException {
        byte[] bytes = audio.readNBytes(MAX_INPUT_BYTES + 1);
        if (bytes.length > MAX_INPUT_BYTES) {
            throw new IllegalArgumentException("the audio is larger than " + (MAX_INPUT_BYTES >> 20) + " MB");
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("the audio is empty");
        }
        ShortBuffer samples = ShortBuffer.allocate(RATE * 60);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(bytes), MAX_INPUT_BYTES)) {
            grabber.setSampleMode(FrameGrabber.SampleMode.SHORT);
            grabber.setSampleRate(RATE);
            grabber.setAudioChannels(1);
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new IllegalArgumentException("not audio that FFmpeg reads (" + e.getMessage() + ")", e);
            }
            if (grabber.getAudioChannels() == 0) {
                throw new IllegalArgumentException("the file holds no audio stream");
            }
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (frame.samples == null) {
                    continue;
                }
                ShortBuffer chunk = (ShortBuffer) frame.samples[0];
                if (samples.remaining() < chunk.remaining()) {
                    ShortBuffer bigger = ShortBuffer.allocate(Math.max(samples.capacity() * 2,
                            samples.position() + chunk.remaining()));
                    samples.flip();
                    bigger.put(samples);
                    samples = bigger;
                }
                samples.put(chunk);
            }
            grabber.stop();
        } catch (FrameGrabber.Exception e) {
            throw new IllegalArgumentException("cannot decode the audio (" + e.getMessage() + ")", e);
        }
        short[] pcm = new short[samples.position()];
        samples.flip();
        samples.get(pcm);
        return pcm;
    }

    /** Encodes 8 kHz mono samples in {@code format} (MP3 or Opus). */
    static byte[] encode(short[] pcm, AudioFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length / 4 + 1024);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, 1)) {
            switch (format) {
                case MP3 -> {
                    recorder.setFormat("mp3");
                    recorder.setAudioCodec(AV_CODEC_ID_MP3);
                    recorder.setSampleRate(RATE);
                    recorder.setAudioBitrate(24_000);
                }
                case OPUS -> {
                    recorder.setFormat("ogg");
                    recorder.setAudioCodec(AV_CODEC_ID_OPUS);
                    recorder.setSampleRate(48_000);
                    recorder.setAudioBitrate(16_000);
                }
                case WAV -> throw new IllegalArgumentException("WAV needs no encoding");
            }
            recorder.start();
            recorder.recordSamples(RATE, 1, ShortBuffer.wrap(pcm));
            recorder.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("FFmpeg could not encode " + format + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** 8 kHz mono samples as a WAV file. */
    static byte[] wav(short[] pcm) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pcm);
        ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length * 2 + 44);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(bytes.array()), PCM, pcm.length),
                AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }
}
