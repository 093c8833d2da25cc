package org.fnmisp.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import org.fnmisp.Loggers;

/**
 * The {@code %invocation} pattern word: {@code " [<function> <message id>]"} from the MDC keys the worker sets while
 * it runs a function call, or nothing at all outside a call, so lines without context carry no empty brackets.
 */
public final class InvocationConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    String function = mdc.get(Loggers.MDC_FUNCTION);
    String messageId = mdc.get(Loggers.MDC_MESSAGE_ID);
    if (function == null && messageId == null) {
      return "";
    }
    if (function == null || messageId == null) {
      return " [" + (function == null ? messageId : function) + "]";
    }
    return " [" + function + " " + messageId + "]";
  }
}
