package io.logyard.format;

/**
 * Where a quote of input may be cut. A quarantined line keeps only its head and a reason quotes a
 * field only in part; a cut inside a word could leave a fragment the privacy scrubber no longer
 * recognizes ({@code bob@exam}, {@code 203.0.11}, the first 15 characters of an access key id).
 * So a cut falls between words: the word under the cut is dropped whole.
 */
public final class Excerpt {

  private Excerpt() {}

  /**
   * The end of at most {@code max} characters of {@code s[from, to)} that does not split a word:
   * {@code to} when the whole fits; else the start of the word the cut would split. A span that is
   * one word longer than {@code max} is cut at {@code max} only when it is letters and digits
   * alone (nothing in it can be an address or an e-mail), else nothing of it is kept.
   */
  public static int end(String s, int from, int to, int max) {
    if (to - from <= max) {
      return to;
    }
    int end = from + max;
    if (!isWordChar(s.charAt(end))) {
      return end;
    }
    int e = end;
    while (e > from && isWordChar(s.charAt(e - 1))) {
      e--;
    }
    if (e > from) {
      return e;
    }
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return from;
      }
    }
    return end;
  }

  /** The head of {@code s}: at most {@code max} characters, cut between words; null stays null. */
  public static String head(String s, int max) {
    return s == null ? null : s.substring(0, end(s, 0, s.length(), max));
  }

  /** Characters that join a word: anything but blanks, quotes, brackets and list separators. */
  private static boolean isWordChar(char c) {
    return c > ' '
        && c != '"' && c != '\'' && c != '`'
        && c != '(' && c != ')' && c != '[' && c != ']' && c != '{' && c != '}'
        && c != '<' && c != '>' && c != ',' && c != ';' && c != '|';
  }
}
