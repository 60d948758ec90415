/* nb_mem: what the process can give back to the system between two pieces of work.
 *
 * The fonts are mapped read-only by several libraries, each its own mapping of the same file
 * (the PDF faces by harfbuzz, the 图解's by cairo's FreeType and by the pango of every
 * thread), and every page of a mapping once read counts in the process's resident memory
 * until it ends. Over a run of many reports the pages read pile up to whole fonts several
 * times over, although each report reads only a part of them.
 *
 * The calls change nothing that the program computes or writes: what they give back is
 * mapped again, from the same bytes, when it is used. */
#ifndef NB_MEM_H
#define NB_MEM_H

/* Drops the resident pages of the process's read-only mappings of font files (.ttf, .ttc,
 * .otf, under a fonts folder): the next read of such a page maps it again from the system's
 * file cache, with the same bytes. Safe while other threads read those fonts. Does nothing
 * where /proc/self/maps cannot be read. */
void nb_mem_release_fonts(void);

/* Gives the free memory inside the heaps back to the system (glibc's malloc_trim): for
 * once, after much was freed and before the work that follows allocates elsewhere (on other
 * threads). A no-op with another C library. */
void nb_mem_trim(void);

#endif
