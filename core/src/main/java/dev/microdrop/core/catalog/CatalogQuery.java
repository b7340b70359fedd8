package dev.microdrop.core.catalog;

import java.util.Optional;

/** Port in: what a storefront may read about drops. */
public interface CatalogQuery {

    Optional<DropView> drop(String dropId);

    DropListView drops();

    /** The drops a directory lists now: upcoming and open ones ({@link DirectoryFeed}). */
    DirectoryView directory();
}
