package dev.anogan.stream.topology;

import dev.anogan.stream.avro.ImagePatch;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads each raw input record: a valid patch goes on, decoded and with its raw record and origin, to the batch
 * scorer; anything else becomes a dead letter in the same transaction. Owns nothing to close.
 */
final class DecodeAndValidateProcessor implements Processor<byte[], byte[], byte[], Object> {

    private final PatchDecoder decoder;
    private final DeadLetters deadLetters;
    private final StreamsMonitor monitor;
    private ProcessorContext<byte[], Object> context;

    DecodeAndValidateProcessor(PatchDecoder decoder, DeadLetters deadLetters, StreamsMonitor monitor) {
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.monitor = monitor;
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        monitor.progressed();
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        SourceRecord source = new SourceRecord(record.key(), record.value(), origin.topic(), origin.partition(),
                origin.offset(), record.timestamp());
        ImagePatch patch;
        try {
            patch = decoder.decode(record.value());
        } catch (RejectedRecordException e) {
            context.forward(record.withValue(deadLetters.of(source, e.reason(), e.getMessage(),
                    context.currentSystemTimeMs())), ScoringTopology.DEAD_LETTER_SINK);
            return;
        }
        context.forward(record.withValue(new ValidPatch(source, patch)), ScoringTopology.SCORE_PROCESSOR);
    }
}
