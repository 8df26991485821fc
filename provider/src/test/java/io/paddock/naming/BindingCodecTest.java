package io.paddock.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.naming.BinaryRefAddr;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import org.junit.jupiter.api.Test;

class BindingCodecTest {
  private static final ObjectInputFilter DEFAULT =
      NamingSettings.serialFilter(NamingSettings.SERIAL_ALLOW_DEFAULT);

  /** A class nobody allowed: reading it back must be refused. */
  record Gadget(String command) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void stringsBytesAndContextsRoundTrip() throws Exception {
    assertThat(BindingCodec.decode(BindingCodec.encode("héllo"), DEFAULT).value())
        .isEqualTo("héllo");
    assertThat(
            (byte[]) BindingCodec.decode(BindingCodec.encode(new byte[] {1, 2}), DEFAULT).value())
        .containsExactly(1, 2);
    assertThat(BindingCodec.decode(BindingCodec.context(), DEFAULT).kind())
        .isEqualTo(BindingCodec.Kind.CONTEXT);
    assertThat(BindingCodec.className(BindingCodec.encode(new byte[0]))).isEqualTo("[B");
  }

  @Test
  void dataFromOtherToolsReadsAsTextOrContext() throws Exception {
    byte[] plain = "jdbc:h2:mem:x".getBytes(StandardCharsets.UTF_8);
    assertThat(BindingCodec.decode(plain, DEFAULT).value()).isEqualTo("jdbc:h2:mem:x");
    assertThat(BindingCodec.kind(new byte[0])).isEqualTo(BindingCodec.Kind.CONTEXT);
    assertThat(BindingCodec.kind(null)).isEqualTo(BindingCodec.Kind.CONTEXT);
    assertThat(BindingCodec.className(null)).isEqualTo(Context.class.getName());
  }

  @Test
  void referencesKeepAddressesButNeverACodebase() throws Exception {
    Reference ref =
        new Reference("javax.sql.DataSource", "com.example.Factory", "http://evil.example/x.jar");
    ref.add(new StringRefAddr("url", "jdbc:x"));
    ref.add(new BinaryRefAddr("blob", new byte[] {7}));
    Reference back = (Reference) BindingCodec.decode(BindingCodec.encode(ref), DEFAULT).value();
    assertThat(back.getClassName()).isEqualTo("javax.sql.DataSource");
    assertThat(back.getFactoryClassName()).isEqualTo("com.example.Factory");
    assertThat(back.getFactoryClassLocation()).isNull();
    assertThat(back.get("url").getContent()).isEqualTo("jdbc:x");
    assertThat((byte[]) back.get("blob").getContent()).containsExactly(7);
    assertThat(BindingCodec.className(BindingCodec.encode(ref))).isEqualTo("javax.sql.DataSource");
  }

  @Test
  void serializedValuesPassTheAllowListOrAreRefused() throws Exception {
    ArrayList<String> list = new ArrayList<>(List.of("a", "b"));
    assertThat(BindingCodec.decode(BindingCodec.encode(list), DEFAULT).value()).isEqualTo(list);

    byte[] gadget = BindingCodec.encode(new Gadget("rm -rf /"));
    assertThat(BindingCodec.className(gadget)).isEqualTo(Gadget.class.getName());
    assertThatThrownBy(() -> BindingCodec.decode(gadget, DEFAULT))
        .isInstanceOf(NamingException.class)
        .hasMessageContaining(NamingSettings.SERIAL_FILTER);
    // a gadget hidden inside an allowed collection is refused too
    byte[] hidden = BindingCodec.encode(new ArrayList<>(List.of(new Gadget("x"))));
    assertThatThrownBy(() -> BindingCodec.decode(hidden, DEFAULT))
        .isInstanceOf(NamingException.class);

    ObjectInputFilter allowGadget =
        NamingSettings.serialFilter(
            NamingSettings.SERIAL_ALLOW_DEFAULT + ";" + Gadget.class.getName());
    assertThat(BindingCodec.decode(gadget, allowGadget).value()).isEqualTo(new Gadget("rm -rf /"));
  }

  @Test
  void catchAllFiltersAndUnstorableObjectsAreRejected() {
    assertThatThrownBy(() -> NamingSettings.serialFilter("*"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NamingSettings.serialFilter("java.lang.*;!*"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BindingCodec.encode(new Object()))
        .isInstanceOf(OperationNotSupportedException.class);
    assertThatThrownBy(() -> BindingCodec.encode(null))
        .isInstanceOf(OperationNotSupportedException.class);
  }
}
