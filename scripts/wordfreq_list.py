#!/usr/bin/env python3
"""A word list of a wordfreq wheel, read without wordfreq itself.

wordfreq stores each list as gzipped MessagePack: an array whose first
element is a header map ({'format': 'cB', 'version': 1}) and whose others
are arrays of words, one per frequency band, most frequent first: band b
holds the words of frequency about 10^(-b/100) ("centibels"). Only the
part of MessagePack those files use is decoded here.

  scripts/wordfreq_list.py WHEEL [LANG]     # prints word<TAB>band lines (LANG: ar)

Used by scripts/build-lexicon-forms.sh (Arabic), scripts/build-english-
frequency.sh (English) and benches/vocabulary_tail.sh.
"""
import gzip, struct, sys, zipfile


def bands(wheel, lang='ar'):
    """Yields (band, word) for the "large" list of language `lang` of the
    wheel at `wheel`."""
    data = gzip.decompress(zipfile.ZipFile(wheel).read(f'wordfreq/data/large_{lang}.msgpack.gz'))
    pos = 0

    def take(n):
        nonlocal pos
        pos += n
        return data[pos - n:pos]

    def value():
        tag = take(1)[0]
        if tag <= 0x7f:
            return tag
        if 0x80 <= tag <= 0x8f:
            return {value(): value() for _ in range(tag & 0x0f)}
        if 0x90 <= tag <= 0x9f:
            return [value() for _ in range(tag & 0x0f)]
        if 0xa0 <= tag <= 0xbf:
            return take(tag & 0x1f).decode('utf-8')
        sizes = {0xd9: 'B', 0xda: '>H', 0xdb: '>I', 0xdc: '>H', 0xdd: '>I'}
        if tag not in sizes:
            raise SystemExit(f'unexpected MessagePack tag {tag:#x} at byte {pos - 1}')
        fmt = sizes[tag]
        (n,) = struct.unpack(fmt, take(struct.calcsize(fmt)))
        if tag in (0xdc, 0xdd):
            return [value() for _ in range(n)]
        return take(n).decode('utf-8')

    top = value()
    assert top[0] == {'format': 'cB', 'version': 1}, top[0]
    assert pos == len(data), 'trailing bytes'
    for band, words in enumerate(top[1:]):
        for word in words:
            yield band, word


if __name__ == '__main__':
    for band, word in bands(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else 'ar'):
        print(f'{word}\t{band}')
