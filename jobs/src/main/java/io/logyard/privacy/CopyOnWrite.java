package io.logyard.privacy;

/** Copy-on-write output: the input is copied only once something in it is replaced. */
final class CopyOnWrite {
  final String s;
  StringBuilder sb;
  int copied;
  /** Where the text last matched stops: an e-mail's local part cannot reach back before it. */
  int floor;

  CopyOnWrite(String s) {
    this.s = s;
  }

  void replace(int start, int end, String with) {
    if (sb == null) {
      sb = new StringBuilder(s.length() + 16);
    }
    sb.append(s, copied, start).append(with);
    copied = end;
    floor = end;
  }

  String result() {
    if (sb == null) {
      return s;
    }
    sb.append(s, copied, s.length());
    return sb.toString();
  }
}
