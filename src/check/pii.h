/*
 * pii: personal data that must not be published, found in an editor's
 * text before reviewers see it.
 *
 * False positives annoy editors and false negatives leak data, so each
 * kind has exact rules rather than "a long number":
 *
 * Numbers.  A digit is 0-9 or fullwidth ０-９.  A group is a maximal run
 * of digits: a group is never split, so an 18-digit ID inside a 25-digit
 * number is not found.  For phones and bank cards, groups joined by a
 * single space or hyphen are read together as people write them
 * ("138 1234 5678", "6222-0200-1234-5678-903"); a chain of groups is
 * read from the left, each group starting at most one hit.
 *
 *  - PII_ID_CARD, a mainland resident ID: a group of 18 digits, or of
 *    17 digits followed by X or x (also fullwidth) not followed by a
 *    letter or digit.  Digits 1-2 a province code (11-15, 21-23, 31-37,
 *    41-46, 50-54, 61-65, 71, 81, 82); digits 7-14 a real date
 *    YYYYMMDD, year 1900..2100, leap years counted; the last character
 *    the ISO 7064 MOD 11-2 check character of the first 17.  The old
 *    15-digit ID: a group of 15 digits with a province code and a real
 *    date 19YYMMDD in digits 7-12 (it has no check digit).
 *  - PII_MOBILE, a mainland mobile number: 1, then 3-9, then 9 digits,
 *    written as one group of 11 or as groups of 3-4-4 or 3-8; optionally
 *    after a country code, 86 or 0086 (with or without + before it) as
 *    its own group or at the start of the same group.  A landline such as
 *    010-12345678 does not start with 1[3-9] and is not found.
 *  - PII_BANK_CARD: 16 to 19 digits that pass the Luhn check, written
 *    as one group or as four groups of 4 followed by at most one group
 *    of 1 to 3 (6222 0200 1234 5678 903), and not read as an ID card
 *    first (17 digits and an X are an ID or nothing, never a card).
 *    Four groups of 4 followed or preceded by another joined
 *    group of 4 are a longer number, not a card.  A failing Luhn check
 *    means no card (and no shorter card is looked for inside it).
 *
 * PII_EMAIL: a local part of ASCII letters, digits and ._%+- that does
 * not end with a dot, @ or fullwidth ＠, then a domain of two or more
 * labels of ASCII letters, digits and inner hyphens separated by single
 * dots, the last one letters only and at least two long.  Dots leading
 * the local part, and everything up to two dots in a row, are taken as
 * punctuation before the address ("see...li@x.cn" is li@x.cn).  A
 * trailing dot or hyphen is left out ("mail a@b.cn." ends at "cn").
 * Digits inside an address are part of it, not a phone number.
 *
 * Hits come in order of start and never overlap.  Offsets are bytes of
 * the text given, [start, end), on character boundaries.  Invalid UTF-8
 * is never a digit or part of an address, and never a crash.
 */
#ifndef GZ_PII_H
#define GZ_PII_H

#include <stddef.h>

enum pii_kind { PII_ID_CARD, PII_MOBILE, PII_EMAIL, PII_BANK_CARD };

struct pii_hit {
	enum pii_kind kind;
	size_t start, end;
};

/*
 * Called once per hit, in order; the hit is valid only during the call.
 * A nonzero return stops pii_scan(), which returns that value.
 */
typedef int (*pii_fn)(const struct pii_hit *hit, void *arg);

/* Find personal data in text[0..n): GZ_OK or what fn returned.  Needs
 * no memory. */
int pii_scan(const char *text, size_t n, pii_fn fn, void *arg);

/* "id_card", "mobile", "email" or "bank_card"; "unknown" otherwise. */
const char *pii_kind_name(enum pii_kind k);

#endif
