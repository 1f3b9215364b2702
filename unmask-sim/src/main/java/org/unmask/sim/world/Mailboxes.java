package org.unmask.sim.world;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The personal mailboxes handed out in one world, as the providers see them: a mailbox belongs to
 * one person. Gmail ignores dots in the local part and anything after a plus, so
 * {@code william.moore@gmail.com} and {@code williammoore@gmail.com} are one mailbox and cannot
 * belong to two strangers; other providers keep dots.
 */
public final class Mailboxes {

  private final Set<String> taken = new HashSet<>();

  /** Takes the address's mailbox for one person; false when someone already holds it. */
  public boolean take(String email) {
    return taken.add(mailbox(email));
  }

  static String mailbox(String email) {
    String e = email.toLowerCase(Locale.ROOT);
    int at = e.lastIndexOf('@');
    if (at < 0) {
      return e;
    }
    String local = e.substring(0, at);
    String domain = e.substring(at + 1);
    int plus = local.indexOf('+');
    if (plus >= 0) {
      local = local.substring(0, plus);
    }
    if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
      return local.replace(".", "") + "@gmail.com";
    }
    return local + "@" + domain;
  }
}
