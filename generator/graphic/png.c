/* nb_graphic_png: PNG rows filtered and deflated as they come (see graphic/png.h).
 *
 * Why not zlib: after PNG's Sub filter (each byte minus the one a pixel to its left) 95 % of a
 * poster's bytes are zero, and 40 % of its rows repeat the row above. zlib's fastest level
 * still hashes and searches at almost every byte: about 27 instructions a byte, 160 M for a
 * 1080 × 1900 poster, a third of all the poster's work. A poster repeats itself in three
 * places only, so this encoder looks only there: the byte before (runs of a colour), and
 * the same byte one and two rows up (shapes and glyph strokes). A row equal to the row above
 * is found by comparing cairo's pixels and written as a copy without filtering it again.
 * The matches and literals go into DEFLATE blocks (RFC 1951) with Huffman codes built for
 * each block, in a zlib stream (RFC 1950) checked by libdeflate's Adler-32, written straight
 * into the file's one IDAT chunk. About 15 % more bytes than zlib's fastest level, for a
 * fifth of its instructions. Fresh memory costs more than instructions on a loaded machine
 * (a page fault each 4 KB): the encoder's own buffers stay small enough for the heap to
 * reuse them from one poster to the next.
 *
 * Layout of a block's symbols: bits 0–15 hold the literal byte or the match length, bits
 * 16–17 the kind: 0 literal, else the index into dist[] (1 the byte before, 2 a row up,
 * 3 two rows up). */
#include "graphic/png.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

enum {
  MAX_SYMS = 16384, /* symbols of one block */
  NLITLEN = 286,    /* literal/length alphabet, 256 = end of block */
  NDIST = 30,       /* distance alphabet */
  NCL = 19,         /* code length alphabet */
  MAX_MATCH = 258,
  WINDOW = 32768
};

/* A Huffman code: bit length and bit-reversed code of each symbol. */
typedef struct {
  uint8_t len[NLITLEN];
  uint16_t code[NLITLEN];
} huff;

struct nb_graphic_png {
  int w, h, y;         /* size; rows given so far */
  size_t row;          /* bytes of a filtered row: 1 + 3 w */
  unsigned char *ring; /* the last three filtered rows */
  uint32_t *last;      /* the last row of cairo's pixels */
  uint32_t dist[4];    /* candidate distances by kind (0: unusable) */
  uint8_t dsym[4];     /* their distance symbols */
  uint8_t lsym[MAX_MATCH + 1]; /* match length → length symbol − 257 */
  uint32_t *syms;
  size_t nsyms;
  uint32_t adler;
  nb_buf *z;           /* the PNG file: the zlib stream is being added to its IDAT chunk */
  size_t start, idat;  /* Z's length before the file, and where the IDAT chunk starts */
  int done;            /* the file is finished */
  uint64_t bits;       /* bits not yet in Z, the first in the lowest place */
  int nbits;           /* (Z has room for a block reserved: see put_block) */
};

static const uint16_t LEN_BASE[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t LEN_EXTRA[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t DIST_BASE[NDIST] = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
/* the order in which a block's header lists the code length code's lengths */
static const uint8_t CL_ORDER[NCL] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

/* Shortest match worth its bits, by kind: a literal zero costs a bit or two, a match up one
 * or two rows ten or eleven extra bits besides its codes. */
static const uint8_t MIN_MATCH[4] = {0, 3, 10, 12};

static int dist_symbol(uint32_t d)
{
  int s = NDIST - 1;
  while (DIST_BASE[s] > d)
    s--;
  return s;
}

/* Appends the 32 bits of V to B, the highest byte first (PNG's and zlib's order). */
static void put_be32(nb_buf *b, uint32_t v)
{
  unsigned char be[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                         (unsigned char)(v >> 8), (unsigned char)v};
  nb_buf_put(b, be, 4);
}

/* The PNG signature, the IHDR chunk (8-bit RGB), the start of the IDAT chunk and of its
 * zlib stream into P->z. */
static void put_head(nb_graphic_png *p)
{
  /* bit depth 8, RGB, deflate, filtered by rows, not interlaced */
  static const unsigned char IHDR_TAIL[5] = {8, 2, 0, 0, 0};
  nb_buf *z = p->z;
  nb_buf_put(z, "\x89PNG\r\n\x1a\n", 8);
  size_t ihdr = z->len;
  put_be32(z, 13);
  nb_buf_put(z, "IHDR", 4);
  put_be32(z, (uint32_t)p->w);
  put_be32(z, (uint32_t)p->h);
  nb_buf_put(z, IHDR_TAIL, 5);
  put_be32(z, libdeflate_crc32(0, z->data + ihdr + 4, 17));
  p->idat = z->len;
  nb_buf_put(z, "\0\0\0\0IDAT", 8); /* the length is known at the end */
  nb_buf_put(z, "\x78\x01", 2);      /* deflate, 32 KB window, no dictionary */
}

nb_graphic_png *nb_graphic_png_new(int w, int h, nb_buf *out)
{
  nb_graphic_png *p = nb_xcalloc(1, sizeof *p);
  p->w = w;
  p->h = h;
  p->row = 1 + 3 * (size_t)w;
  p->ring = nb_xmalloc(3 * p->row);
  p->last = nb_xmalloc(sizeof *p->last * (size_t)w);
  p->syms = nb_xmalloc(sizeof *p->syms * MAX_SYMS);
  p->adler = 1;
  for (int k = 1; k < 4; k++) {
    size_t d = k == 1 ? 1 : (size_t)(k - 1) * p->row;
    p->dist[k] = d <= WINDOW ? (uint32_t)d : 0;
    p->dsym[k] = (uint8_t)dist_symbol(p->dist[k] ? p->dist[k] : 1);
  }
  for (int s = 0, n = 3; n <= MAX_MATCH; n++) {
    while (s < 28 && LEN_BASE[s + 1] <= n)
      s++;
    p->lsym[n] = (uint8_t)s;
  }
  p->z = out;
  p->start = out->len;
  put_head(p);
  return p;
}

/* P->z as it was before the file. */
static void cut(nb_graphic_png *p)
{
  p->z->len = p->start;
  if (p->z->data)
    p->z->data[p->start] = '\0';
}

void nb_graphic_png_free(nb_graphic_png *p)
{
  if (!p)
    return;
  if (!p->done)
    cut(p);
  free(p->ring);
  free(p->last);
  free(p->syms);
  free(p);
}

/* ---- bits and Huffman codes ---- */

/* N (≤ 32) bits of V, the lowest first, into the room reserved in P->z. */
static inline void put_bits(nb_graphic_png *p, uint32_t v, int n)
{
  p->bits |= (uint64_t)v << p->nbits;
  p->nbits += n;
  if (p->nbits >= 32) {
    unsigned char *b = (unsigned char *)p->z->data + p->z->len;
    b[0] = (unsigned char)p->bits;
    b[1] = (unsigned char)(p->bits >> 8);
    b[2] = (unsigned char)(p->bits >> 16);
    b[3] = (unsigned char)(p->bits >> 24);
    p->z->len += 4;
    p->bits >>= 32;
    p->nbits -= 32;
  }
}

/* The bits written so far, the last byte padded with zeros. */
static void flush_bits(nb_graphic_png *p)
{
  for (; p->nbits > 0; p->nbits -= 8, p->bits >>= 8)
    p->z->data[p->z->len++] = (char)(unsigned char)p->bits;
  p->bits = 0;
  p->nbits = 0;
}

typedef struct {
  uint32_t freq;
  uint16_t sym;
} leaf;

static int leaf_cmp(const void *a, const void *b)
{
  const leaf *x = a, *y = b;
  if (x->freq != y->freq)
    return x->freq < y->freq ? -1 : 1;
  return x->sym < y->sym ? -1 : x->sym > y->sym;
}

/* The depths of the M leaves L (sorted by weight) in a Huffman tree, into LEN by symbol.
 * Returns the greatest. Two queues: the leaves, and the joined nodes in the order made. */
static int tree_depths(const leaf *l, int m, uint8_t *len)
{
  uint32_t weight[2 * NLITLEN];
  uint16_t parent[2 * NLITLEN];
  uint8_t depth[2 * NLITLEN];
  int nl = 0, ni = m, next = m; /* next leaf, next joined node to take, next to make */
  for (int k = 0; k < m; k++)
    weight[k] = l[k].freq;
  for (; next < 2 * m - 1; next++) {
    int pick[2];
    for (int t = 0; t < 2; t++)
      pick[t] = nl < m && (ni >= next || weight[nl] <= weight[ni]) ? nl++ : ni++;
    weight[next] = weight[pick[0]] + weight[pick[1]];
    parent[pick[0]] = parent[pick[1]] = (uint16_t)next;
  }
  int max = 0;
  depth[2 * m - 2] = 0;
  for (int k = 2 * m - 3; k >= 0; k--) {
    depth[k] = (uint8_t)(depth[parent[k]] + 1);
    if (k < m && depth[k] > max)
      max = depth[k];
  }
  for (int k = 0; k < m; k++)
    len[l[k].sym] = depth[k];
  return max;
}

/* Bit lengths of a Huffman code for the N frequencies FREQ, none longer than MAXBITS, into
 * LEN. At least two symbols get a code (a block must be decodable whatever it holds): when
 * fewer are used, symbols 0 and 1 are given one. Too deep a tree is made again with the
 * weights halved (never to zero), which flattens it. */
static void huff_lengths(const uint32_t *freq, int n, int maxbits, uint8_t *len)
{
  leaf l[NLITLEN];
  int m = 0;
  memset(len, 0, (size_t)n);
  for (int s = 0; s < n; s++)
    if (freq[s])
      l[m++] = (leaf){freq[s], (uint16_t)s};
  for (int s = 0; m < 2; s++)
    if (!freq[s])
      l[m++] = (leaf){1, (uint16_t)s};
  for (;;) {
    qsort(l, (size_t)m, sizeof *l, leaf_cmp);
    if (tree_depths(l, m, len) <= maxbits)
      return;
    for (int k = 0; k < m; k++)
      l[k].freq = (l[k].freq + 1) / 2;
  }
}

/* The canonical code (RFC 1951 3.2.2) of the bit lengths H->len, bit-reversed for writing. */
static void huff_codes(huff *h, int n)
{
  int count[16] = {0};
  uint16_t next[16];
  for (int s = 0; s < n; s++)
    count[h->len[s]]++;
  count[0] = 0;
  for (int b = 1, c = 0; b < 16; b++) {
    c = (c + count[b - 1]) << 1;
    next[b] = (uint16_t)c;
  }
  for (int s = 0; s < n; s++) {
    int b = h->len[s];
    if (!b)
      continue;
    uint32_t c = next[b]++, r = 0;
    for (int k = 0; k < b; k++, c >>= 1)
      r = (r << 1) | (c & 1);
    h->code[s] = (uint16_t)r;
  }
}

static void huff_make(const uint32_t *freq, int n, int maxbits, huff *h)
{
  huff_lengths(freq, n, maxbits, h->len);
  huff_codes(h, n);
}

/* ---- blocks ---- */

/* The code lengths LENS (N of them) as code length symbols into OUT (symbol | extra << 8),
 * runs of zeros as 17 and 18, repeats of a length as 16. Returns the count. */
static int cl_symbols(const uint8_t *lens, int n, uint16_t *out)
{
  int m = 0;
  for (int i = 0; i < n;) {
    int r = 1;
    while (i + r < n && lens[i + r] == lens[i] && r < 138)
      r++;
    if (lens[i] == 0 && r >= 11) {
      out[m++] = (uint16_t)(18 | (r - 11) << 8);
    } else if (lens[i] == 0 && r >= 3) {
      out[m++] = (uint16_t)(17 | (r - 3) << 8);
    } else if (r >= 4) {
      out[m++] = lens[i];
      r = r - 1 > 6 ? 7 : r;
      out[m++] = (uint16_t)(16 | (r - 4) << 8);
    } else {
      out[m++] = lens[i];
      r = 1;
    }
    i += r;
  }
  return m;
}

/* A dynamic block's header (RFC 1951 3.2.7): the sizes, the code length code, then the
 * literal/length and distance code lengths written with it. */
static void put_header(nb_graphic_png *p, const huff *ll, const huff *d)
{
  uint8_t lens[NLITLEN + NDIST];
  int hlit = NLITLEN, hdist = NDIST;
  while (hlit > 257 && !ll->len[hlit - 1])
    hlit--;
  while (hdist > 1 && !d->len[hdist - 1])
    hdist--;
  memcpy(lens, ll->len, (size_t)hlit);
  memcpy(lens + hlit, d->len, (size_t)hdist);
  uint16_t cl[NLITLEN + NDIST];
  int ncl = cl_symbols(lens, hlit + hdist, cl);
  uint32_t freq[NCL] = {0};
  for (int k = 0; k < ncl; k++)
    freq[cl[k] & 0xff]++;
  huff c;
  huff_make(freq, NCL, 7, &c);
  int hclen = NCL;
  while (hclen > 4 && !c.len[CL_ORDER[hclen - 1]])
    hclen--;
  put_bits(p, (uint32_t)(hlit - 257), 5);
  put_bits(p, (uint32_t)(hdist - 1), 5);
  put_bits(p, (uint32_t)(hclen - 4), 4);
  for (int k = 0; k < hclen; k++)
    put_bits(p, c.len[CL_ORDER[k]], 3);
  static const uint8_t EXTRA_BITS[3] = {2, 3, 7}; /* of symbols 16, 17, 18 */
  for (int k = 0; k < ncl; k++) {
    int s = cl[k] & 0xff;
    put_bits(p, c.code[s], c.len[s]);
    if (s >= 16)
      put_bits(p, (uint32_t)(cl[k] >> 8), EXTRA_BITS[s - 16]);
  }
}

/* The symbols' frequencies by alphabet. */
static void count_symbols(const nb_graphic_png *p, uint32_t *lf, uint32_t *df)
{
  for (size_t k = 0; k < p->nsyms; k++) {
    uint32_t s = p->syms[k], kind = s >> 16;
    if (!kind) {
      lf[s]++;
    } else {
      lf[257 + p->lsym[s & 0xffff]]++;
      df[p->dsym[kind]]++;
    }
  }
  lf[256] = 1;
}

static void put_symbols(nb_graphic_png *p, const huff *ll, const huff *d)
{
  for (size_t k = 0; k < p->nsyms; k++) {
    uint32_t s = p->syms[k], kind = s >> 16;
    if (!kind) {
      put_bits(p, ll->code[s], ll->len[s]);
      continue;
    }
    uint32_t n = s & 0xffff;
    int ls = p->lsym[n], ds = p->dsym[kind];
    put_bits(p, ll->code[257 + ls], ll->len[257 + ls]);
    put_bits(p, n - LEN_BASE[ls], LEN_EXTRA[ls]);
    put_bits(p, d->code[ds], d->len[ds]);
    put_bits(p, p->dist[kind] - DIST_BASE[ds], ds < 4 ? 0 : ds / 2 - 1);
  }
  put_bits(p, ll->code[256], ll->len[256]);
}

/* The symbols held as one block with codes of its own (FINAL: the stream's last). */
static void put_block(nb_graphic_png *p, int final)
{
  uint32_t lf[NLITLEN] = {0}, df[NDIST] = {0};
  count_symbols(p, lf, df);
  huff ll, d;
  huff_make(lf, NLITLEN, 15, &ll);
  huff_make(df, NDIST, 15, &d);
  /* at most 48 bits a symbol (15 + 5 + 15 + 13), the header under 2 KB, 8 bytes pending */
  nb_buf_grow(p->z, p->nsyms * 6 + 2048 + 8);
  put_bits(p, final ? 5 : 4, 3); /* BFINAL, then BTYPE 2: dynamic codes */
  put_header(p, &ll, &d);
  put_symbols(p, &ll, &d);
  p->nsyms = 0;
}

/* ---- rows ---- */

static void add(nb_graphic_png *p, uint32_t sym)
{
  if (p->nsyms == MAX_SYMS)
    put_block(p, 0);
  p->syms[p->nsyms++] = sym;
}

/* How many of the first MAX bytes of A equal those of B (which may overlap A, as for a run). */
static size_t common(const unsigned char *a, const unsigned char *b, size_t max)
{
  size_t n = 0;
  for (; n + 8 <= max; n += 8) {
    uint64_t x, y;
    memcpy(&x, a + n, 8);
    memcpy(&y, b + n, 8);
    if (x != y) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      return n + (size_t)__builtin_ctzll(x ^ y) / 8; /* the first byte in memory is lowest */
#else
      break;
#endif
    }
  }
  while (n < max && a[n] == b[n])
    n++;
  return n;
}

/* Matches copying N bytes from distance kind KIND. */
static void add_copy(nb_graphic_png *p, int kind, size_t n)
{
  while (n > 0) {
    size_t k = n <= MAX_MATCH ? n : n - MAX_MATCH >= 3 ? MAX_MATCH : n - 3;
    add(p, (uint32_t)kind << 16 | (uint32_t)k);
    n -= k;
  }
}

/* Whether the bytes at I of row C match those of REF (C less the distance of kind K) for
 * longer than *BEST and at least MIN_MATCH[K]: then *BEST and *KIND become theirs. A match
 * longer than *BEST (< MAX) must hold at the byte where *BEST's ends: checked first. */
static inline void try_match(const unsigned char *c, const unsigned char *ref, size_t i,
                             size_t max, int k, size_t *best, int *kind)
{
  if (ref[i + *best] != c[i + *best])
    return;
  size_t n = common(c + i, ref + i, max);
  if (n >= MIN_MATCH[k] && n > *best) {
    *best = n;
    *kind = k;
  }
}

/* Row C of Y rows so far, as literals and matches (greedy: the longest of the three). */
static void add_row(nb_graphic_png *p, const unsigned char *c, int y)
{
  const unsigned char *up1 = NULL, *up2 = NULL; /* the rows one and two up */
  if (y >= 1 && p->dist[2])
    up1 = p->ring + (size_t)((y - 1) % 3) * p->row;
  if (y >= 2 && p->dist[3])
    up2 = p->ring + (size_t)((y - 2) % 3) * p->row;
  for (size_t i = 0; i < p->row;) {
    size_t max = p->row - i < MAX_MATCH ? p->row - i : MAX_MATCH, best = 0;
    int kind = 0;
    if (i > 0)
      try_match(c, c - 1, i, max, 1, &best, &kind);
    if (up1 && best < max)
      try_match(c, up1, i, max, 2, &best, &kind);
    if (up2 && best < max)
      try_match(c, up2, i, max, 3, &best, &kind);
    if (kind) {
      add(p, (uint32_t)kind << 16 | (uint32_t)best);
      i += best;
    } else {
      add(p, c[i++]);
    }
  }
}

/* The W pixels SRC with PNG's Sub filter into D (the filter byte, then R G B a pixel). Most
 * pixels equal the one to their left: the row is zeroed at once, and only the others written. */
static void sub_filter(const uint32_t *src, int w, unsigned char *d)
{
  uint32_t prev = 0;
  *d++ = 1;
  memset(d, 0, 3 * (size_t)w);
  for (int x = 0; x < w; x++, d += 3) {
    uint32_t v = src[x];
    if (((v ^ prev) & 0xffffff) == 0)
      continue;
    d[0] = (unsigned char)((v >> 16) - (prev >> 16));
    d[1] = (unsigned char)((v >> 8) - (prev >> 8));
    d[2] = (unsigned char)(v - prev);
    prev = v;
  }
}

void nb_graphic_png_rows(nb_graphic_png *p, const unsigned char *px, int stride, int rows)
{
  size_t rowbytes = sizeof *p->last * (size_t)p->w;
  for (int k = 0; k < rows && p->y < p->h; k++, p->y++) {
    const uint32_t *src = (const uint32_t *)(const void *)(px + (size_t)k * (size_t)stride);
    unsigned char *c = p->ring + (size_t)(p->y % 3) * p->row;
    if (p->y > 0 && memcmp(src, p->last, rowbytes) == 0) {
      memcpy(c, p->ring + (size_t)((p->y + 2) % 3) * p->row, p->row);
      if (p->dist[2])
        add_copy(p, 2, p->row);
      else
        add_row(p, c, p->y);
    } else {
      sub_filter(src, p->w, c);
      add_row(p, c, p->y);
      memcpy(p->last, src, rowbytes);
    }
    p->adler = libdeflate_adler32(p->adler, c, p->row);
  }
}

int nb_graphic_png_finish(nb_graphic_png *p)
{
  nb_buf *z = p->z;
  if (p->y < p->h) {
    cut(p);
    return -1;
  }
  put_block(p, 1);
  flush_bits(p); /* into the room put_block reserved */
  put_be32(z, p->adler);
  size_t n = z->len - p->idat - 8;
  unsigned char *len = (unsigned char *)z->data + p->idat;
  for (int k = 0; k < 4; k++)
    len[k] = (unsigned char)(n >> (24 - 8 * k));
  put_be32(z, libdeflate_crc32(0, z->data + p->idat + 4, n + 4));
  nb_buf_put(z, "\0\0\0\0IEND\xae\x42\x60\x82", 12); /* empty; the CRC of "IEND" */
  p->done = 1;
  return 0;
}
