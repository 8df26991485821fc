package io.paddock.naming;

import java.util.Properties;
import javax.naming.CompoundName;
import javax.naming.Name;
import javax.naming.NameParser;
import javax.naming.NamingException;

/** Names are {@code /}-separated, left to right, like znode paths: {@code a/b/c}. */
final class PaddockNameParser implements NameParser {
  private final Properties syntax = new Properties();

  PaddockNameParser() {
    syntax.put("jndi.syntax.direction", "left_to_right");
    syntax.put("jndi.syntax.separator", "/");
  }

  @Override
  public Name parse(String name) throws NamingException {
    return new CompoundName(name, syntax);
  }
}
