package org.fnmisp.soar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An import SOAR has checked and holds until it is accepted or rejected ({@code status} PENDING).
 *
 * @param id the import's id in {@code configurations/imports/{id}}
 * @param messages what SOAR says it will create, update or skip, in its order
 * @param answer SOAR's answer as sent, which goes back with the decision
 */
public record PendingImport(long id, List<Message> messages, ObjectNode answer) {

  public PendingImport {
    messages = List.copyOf(messages);
    answer = answer.deepCopy();
  }

  /** One line of SOAR's report: {@code type} is e.g. info, warning or error. */
  public record Message(String type, String text) {

    @Override
    public String toString() {
      return type + ": " + text;
    }
  }
}
