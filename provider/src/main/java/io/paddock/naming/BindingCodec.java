package io.paddock.naming;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Enumeration;
import javax.naming.BinaryRefAddr;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

/**
 * How a binding is stored in a znode's data. Pure: bytes in, values out.
 *
 * <pre>
 * data    := "PDKJ" version:u8(=1) kind:u8 body
 * kind 0  context      (no body)
 * kind 1  string       body = UTF-8 text
 * kind 2  bytes        body = the bytes
 * kind 3  reference    body = className:utf hasFactory:bool [factoryClassName:utf]
 *                             addrCount:i32 { type:utf contentKind:u8 content }
 *                             contentKind 0: length:i32 UTF-8 text; 1: length:i32 bytes
 * kind 4  serialized   body = className:utf length:i32 java-serialization-stream
 * (utf = DataOutput.writeUTF; integers big-endian)
 * </pre>
 *
 * <p>Data written by other tools (no {@code PDKJ} prefix) reads as a string, and a node with no
 * data reads as a context, so plain znodes made with zkCli look natural through JNDI. A reference
 * is stored without its factory location (codebase URL): it can never make anyone load remote code.
 */
final class BindingCodec {
  private static final byte[] MAGIC = "PDKJ".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int HEADER_BYTES = MAGIC.length + 2;

  /** Most addresses in one stored reference. */
  static final int REF_ADDRS_MAX = 256;

  /** Most bytes in one address or serialized value (a znode holds at most 1 MB anyway). */
  static final int CONTENT_BYTES_MAX = 1024 * 1024;

  /** What a binding is, with the kind byte stored for it. */
  enum Kind {
    CONTEXT(0),
    STRING(1),
    BYTES(2),
    REFERENCE(3),
    SERIALIZED(4);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    /** The stored kind byte. */
    int code() {
      return code;
    }

    /** The kind stored as {@code code}, or null for an unknown byte. */
    static Kind fromCode(int code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      return null;
    }
  }

  /**
   * A decoded binding.
   *
   * @param kind what it is
   * @param className the Java class of the bound object (for {@code list})
   * @param value the object: a String, byte[], Reference or deserialized object; null for a context
   */
  record Decoded(Kind kind, String className, Object value) {}

  private BindingCodec() {}

  /** The data of a subcontext node. */
  static byte[] context() {
    return header(Kind.CONTEXT).toByteArray();
  }

  /**
   * The data storing {@code obj}.
   *
   * @throws OperationNotSupportedException for objects that cannot be stored (contexts, references
   *     with addresses that are neither text nor bytes, non-serializable objects)
   */
  static byte[] encode(Object obj) throws NamingException {
    if (obj instanceof String s) {
      return concat(Kind.STRING, s.getBytes(StandardCharsets.UTF_8));
    }
    if (obj instanceof byte[] b) {
      return concat(Kind.BYTES, b);
    }
    if (obj instanceof Context) {
      throw new OperationNotSupportedException("bind a subcontext with createSubcontext");
    }
    Reference ref = null;
    if (obj instanceof Reference r) {
      ref = r;
    } else if (obj instanceof Referenceable able) {
      ref = able.getReference();
    }
    if (ref != null) {
      return encodeReference(ref);
    }
    if (obj instanceof Serializable) {
      return encodeSerialized(obj);
    }
    throw new OperationNotSupportedException(
        "cannot bind a "
            + (obj == null ? "null" : obj.getClass().getName())
            + ": bind a String, byte[], Reference, Referenceable or Serializable");
  }

  private static ByteArrayOutputStream header(Kind kind) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.write(VERSION);
    out.write(kind.code());
    return out;
  }

  private static byte[] concat(Kind kind, byte[] body) {
    ByteArrayOutputStream out = header(kind);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static byte[] encodeReference(Reference ref) throws NamingException {
    if (ref.size() > REF_ADDRS_MAX) {
      throw new OperationNotSupportedException(
          "a reference may have at most " + REF_ADDRS_MAX + " addresses: " + ref.size());
    }
    ByteArrayOutputStream bytes = header(Kind.REFERENCE);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(ref.getClassName());
      out.writeBoolean(ref.getFactoryClassName() != null);
      if (ref.getFactoryClassName() != null) {
        out.writeUTF(ref.getFactoryClassName());
      }
      out.writeInt(ref.size());
      Enumeration<RefAddr> addrs = ref.getAll();
      while (addrs.hasMoreElements()) {
        RefAddr a = addrs.nextElement();
        out.writeUTF(a.getType());
        Object content = a.getContent();
        if (content instanceof String s) {
          out.writeByte(0);
          writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
        } else if (content instanceof byte[] b) {
          out.writeByte(1);
          writeBytes(out, b);
        } else {
          throw new OperationNotSupportedException(
              "reference address " + a.getType() + " holds neither text nor bytes");
        }
      }
    } catch (IOException e) {
      throw failure("cannot encode reference " + ref.getClassName(), e);
    }
    return bytes.toByteArray();
  }

  private static byte[] encodeSerialized(Object obj) throws NamingException {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(stream)) {
      out.writeObject(obj);
    } catch (IOException e) {
      throw failure("cannot serialize " + obj.getClass().getName(), e);
    }
    ByteArrayOutputStream bytes = header(Kind.SERIALIZED);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(obj.getClass().getName());
      writeBytes(out, stream.toByteArray());
    } catch (IOException e) {
      throw failure("cannot encode " + obj.getClass().getName(), e);
    }
    return bytes.toByteArray();
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  /** The kind of binding {@code data} holds, without decoding its value. */
  static Kind kind(byte[] data) throws NamingException {
    if (data == null || data.length == 0) {
      return Kind.CONTEXT;
    }
    if (!hasHeader(data)) {
      return Kind.STRING;
    }
    int version = data[MAGIC.length] & 0xff;
    int kind = data[MAGIC.length + 1] & 0xff;
    Kind known = Kind.fromCode(kind);
    if (version != VERSION || known == null) {
      throw new NamingException("unknown binding format: version " + version + ", kind " + kind);
    }
    return known;
  }

  /** The class name {@code list} reports for {@code data}, without deserializing anything. */
  static String className(byte[] data) throws NamingException {
    return switch (kind(data)) {
      case CONTEXT -> Context.class.getName();
      case STRING -> String.class.getName();
      case BYTES -> byte[].class.getName();
      case REFERENCE, SERIALIZED -> readUtfAfterHeader(data);
    };
  }

  /**
   * Decodes {@code data}; serialized values are read only through {@code filter}.
   *
   * @throws NamingException if the data is malformed or the filter rejects a class
   */
  static Decoded decode(byte[] data, ObjectInputFilter filter) throws NamingException {
    Kind kind = kind(data);
    return switch (kind) {
      case CONTEXT -> new Decoded(kind, Context.class.getName(), null);
      case STRING ->
          new Decoded(
              kind,
              String.class.getName(),
              new String(
                  hasHeader(data) ? Arrays.copyOfRange(data, HEADER_BYTES, data.length) : data,
                  StandardCharsets.UTF_8));
      case BYTES ->
          new Decoded(
              kind, byte[].class.getName(), Arrays.copyOfRange(data, HEADER_BYTES, data.length));
      case REFERENCE -> {
        Reference ref = decodeReference(data);
        yield new Decoded(kind, ref.getClassName(), ref);
      }
      case SERIALIZED -> decodeSerialized(data, filter);
    };
  }

  private static boolean hasHeader(byte[] data) {
    return data.length >= HEADER_BYTES
        && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  private static DataInputStream body(byte[] data) {
    return new DataInputStream(
        new ByteArrayInputStream(data, HEADER_BYTES, data.length - HEADER_BYTES));
  }

  private static String readUtfAfterHeader(byte[] data) throws NamingException {
    try (DataInputStream in = body(data)) {
      return in.readUTF();
    } catch (IOException e) {
      throw failure("malformed binding", e);
    }
  }

  private static Reference decodeReference(byte[] data) throws NamingException {
    try (DataInputStream in = body(data)) {
      String className = in.readUTF();
      String factory = in.readBoolean() ? in.readUTF() : null;
      Reference ref = new Reference(className, factory, null); // never a codebase
      int count = in.readInt();
      if (count < 0 || count > REF_ADDRS_MAX) {
        throw new NamingException("malformed reference: " + count + " addresses");
      }
      for (int i = 0; i < count; i++) {
        String type = in.readUTF();
        int contentKind = in.readUnsignedByte();
        byte[] content = readBytes(in);
        if (contentKind == 0) {
          ref.add(new StringRefAddr(type, new String(content, StandardCharsets.UTF_8)));
        } else if (contentKind == 1) {
          ref.add(new BinaryRefAddr(type, content));
        } else {
          throw new NamingException("malformed reference address kind " + contentKind);
        }
      }
      return ref;
    } catch (IOException e) {
      throw failure("malformed reference", e);
    }
  }

  private static Decoded decodeSerialized(byte[] data, ObjectInputFilter filter)
      throws NamingException {
    String className;
    byte[] stream;
    try (DataInputStream in = body(data)) {
      className = in.readUTF();
      stream = readBytes(in);
    } catch (IOException e) {
      throw failure("malformed serialized binding", e);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stream))) {
      in.setObjectInputFilter(filter);
      return new Decoded(Kind.SERIALIZED, className, in.readObject());
    } catch (InvalidClassException e) {
      throw failure(
          "the serialized "
              + className
              + " holds a class "
              + NamingSettings.SERIAL_FILTER
              + " does not allow",
          e);
    } catch (IOException | ClassNotFoundException e) {
      throw failure("cannot deserialize " + className, e);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > CONTENT_BYTES_MAX) {
      throw new IOException("bad length " + length);
    }
    byte[] b = in.readNBytes(length);
    if (b.length != length) {
      throw new IOException("truncated: " + b.length + " of " + length + " bytes");
    }
    return b;
  }

  private static NamingException failure(String message, Exception cause) {
    NamingException e = new NamingException(message + ": " + cause.getMessage());
    e.setRootCause(cause);
    return e;
  }
}
