package postbox.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_ADPCM_G722;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * FFmpeg's {@code adpcm_g722} encoder and decoder through JavaCPP's avcodec bindings, frame by frame (320 samples
 * to 160 bytes and back), as the reference for {@link G722} and for the cost comparison. Test scope only (the
 * natives are 27 MB). One thread.
 */
final class FfmpegG722 implements AutoCloseable {
    private static final int FRAME = 320;
    private final AVCodecContext encoder;
    private final AVCodecContext decoder;
    private final AVFrame input = av_frame_alloc();
    private final AVFrame output = av_frame_alloc();
    private final AVPacket packet = av_packet_alloc();

    FfmpegG722() {
        encoder = open(true);
        decoder = open(false);
        input.nb_samples(FRAME);
        input.format(AV_SAMPLE_FMT_S16);
        input.sample_rate(16000);
        av_channel_layout_default(input.ch_layout(), 1);
        check(av_frame_get_buffer(input, 0), "frame buffer");
    }

    /** Encodes one 320-sample frame into {@code payload} (160 bytes). */
    int encode(short[] frame, byte[] payload) {
        check(av_frame_make_writable(input), "writable frame");
        new ShortPointer(input.data(0)).put(frame, 0, FRAME);
        check(avcodec_send_frame(encoder, input), "send frame");
        check(avcodec_receive_packet(encoder, packet), "receive packet");
        int size = packet.size();
        packet.data().get(payload, 0, size);
        av_packet_unref(packet);
        return size;
    }

    /** Decodes one payload into {@code pcm}; returns the samples. */
    int decode(byte[] payload, int length, short[] pcm) {
        try (BytePointer data = new BytePointer(payload)) {
            packet.data(data);
            packet.size(length);
            check(avcodec_send_packet(decoder, packet), "send packet");
            packet.data(null);
            packet.size(0);
        }
        check(avcodec_receive_frame(decoder, output), "receive frame");
        int samples = output.nb_samples();
        new ShortPointer(output.data(0)).get(pcm, 0, samples);
        return samples;
    }

    @Override
    public void close() {
        avcodec_free_context(encoder);
        avcodec_free_context(decoder);
        av_frame_free(input);
        av_frame_free(output);
        av_packet_free(packet);
    }

    private static AVCodecContext open(boolean encode) {
        var codec = encode ? avcodec_find_encoder(AV_CODEC_ID_ADPCM_G722) : avcodec_find_decoder(AV_CODEC_ID_ADPCM_G722);
        AVCodecContext context = avcodec_alloc_context3(codec);
        context.sample_rate(16000);
        context.sample_fmt(AV_SAMPLE_FMT_S16);
        av_channel_layout_default(context.ch_layout(), 1);
        if (encode) {
            context.frame_size(FRAME);
        }
        check(avcodec_open2(context, codec, (AVDictionary) null), encode ? "open encoder" : "open decoder");
        return context;
    }

    private static void check(int result, String what) {
        if (result < 0) {
            throw new IllegalStateException("FFmpeg " + what + " failed: " + result);
        }
    }
}
