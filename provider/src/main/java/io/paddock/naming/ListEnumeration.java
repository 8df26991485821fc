package io.paddock.naming;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import javax.naming.NamingEnumeration;

/** A {@link NamingEnumeration} over a list read at once. */
final class ListEnumeration<T> implements NamingEnumeration<T> {
  private final Iterator<T> items;

  ListEnumeration(List<T> items) {
    this.items = List.copyOf(items).iterator();
  }

  @Override
  public T next() {
    return nextElement();
  }

  @Override
  public boolean hasMore() {
    return items.hasNext();
  }

  @Override
  public void close() {}

  @Override
  public boolean hasMoreElements() {
    return items.hasNext();
  }

  @Override
  public T nextElement() {
    if (!items.hasNext()) {
      throw new NoSuchElementException();
    }
    return items.next();
  }
}
