package io.logyard.cli;

import io.logyard.config.Masking;
import io.logyard.privacy.LogText;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;

/**
 * {@code %maskedMessage} in a log4j2 pattern: the message and its exception's stack trace, with
 * secrets masked ({@link Masking}). {@code conf/log4j2.properties} uses it for every log line
 * of Spark, Hadoop, the connectors and logyard.
 */
@Plugin(name = "MaskingConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"maskedMessage"})
public final class MaskingConverter extends LogEventPatternConverter {
  private MaskingConverter() {
    super("maskedMessage", "maskedMessage");
  }

  public static MaskingConverter newInstance(String[] options) {
    return new MaskingConverter();
  }

  @Override
  public void format(LogEvent event, StringBuilder toAppendTo) {
    toAppendTo.append(Masking.mask(LogText.scrub(event.getMessage().getFormattedMessage())));
    if (event.getThrown() != null) {
      StringWriter trace = new StringWriter();
      event.getThrown().printStackTrace(new PrintWriter(trace));
      toAppendTo.append(System.lineSeparator()).append(Masking.mask(LogText.scrub(trace.toString().stripTrailing())));
    }
  }

  @Override
  public boolean handlesThrowable() {
    return true;
  }
}
