package org.fnmisp.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Asks the operator a question on the terminal. Without a terminal (a script, a pipe, a container) there is nobody
 * to answer, and a command must not wait for one.
 */
interface Prompt {

  /** True when a person can answer. */
  boolean isInteractive();

  /** The line the operator typed, or null when the input ended. */
  String ask(String question);

  /** The process's terminal, if it has one. */
  @SuppressWarnings("SystemConsoleNull") // null on Java 17 without a terminal; isTerminal() covers 22 and newer
  static Prompt system() {
    Console console = System.console();
    boolean terminal = console != null && isTerminal(console);
    return new Prompt() {
      @Override
      public boolean isInteractive() {
        return terminal;
      }

      @Override
      public String ask(String question) {
        return terminal ? console.readLine("%s", question) : null;
      }
    };
  }

  /** From Java 22 on, a Console exists even when input is redirected; only isTerminal() then tells (absent in 17). */
  private static boolean isTerminal(Console console) {
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException olderJava) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
