/* nb_context: a checked data file → the template context.
 *
 * Templates are logic-less: everything a report shows is in the context, computed here
 * once — every total (nb_totals), flags for optional sentences, dates written the Chinese
 * way, shares of the published categories. Plain strings are kept as typed (the Markdown
 * template's escaping makes them literal text); prose fields are rewritten by
 * nb_sanitize_prose into Markdown that carries no raw HTML and no dangerous link, to be placed
 * unescaped ({{{…}}}). Optional data that is absent is absent from the context too, so
 * {{#publication}}…{{/publication}} drops a sentence. Numbers are NB_INT nodes (str holds
 * the decimal text); decimal amounts are NB_STR with the decimals as typed.
 *
 * The context (keys marked * are computed; ? only present when the data has them):
 *
 *   format, year                      as typed
 *   title*                            "〈机关名称〉〈年度〉年政府信息公开工作年度报告"
 *   organ {name, level, region?}
 *   date? {iso, zh*}                  "2025-01-20", "2025年1月20日"
 *   period* {start, end, text, start_iso, end_iso}
 *                                     "2024年1月1日", "2024年12月31日",
 *                                     "2024年1月1日至2024年12月31日", "2024-01-01", …
 *   publication? {site, url?}
 *   contact? {office?, address?, phone?, details*, both*}
 *                                     present when any of the three is; details: address or
 *                                     phone given; both: address and phone given
 *   overview {summary?, active_disclosure, on_request, information_management, platform,
 *             supervision}            safe Markdown
 *   published* {total, by_category, items [{category, count, share?, last}]}
 *                                     by_category: more than one category; share: percent
 *                                     of total with one decimal ("26.5"), when total > 0;
 *                                     last: the final item (for separators)
 *   disclosure {regulations {issued, repealed, in_force}, normative_documents {…},
 *               licensing, punishment, coercion, fees, fees_charged*}
 *                                     fees: 万元, decimals as typed ("0", "1.50")
 *   applications {new, carried_over, results {granted, partially_granted,
 *                 denied {state_secret, prohibited_by_law, security_stability,
 *                         third_party_rights, internal_affairs, process_information,
 *                         enforcement_files, inquiry_matters},
 *                 unavailable {not_held, needs_creation, unclear},
 *                 not_processed {complaints, repeated, publications, excessive,
 *                                confirmation},
 *                 other {no_correction, unpaid_fee, other},
 *                 total*},
 *                 carry_forward,
 *                 has_applications* (new applications received), has_carried_over*}
 *                                     every row: {natural, business, research, nonprofit,
 *                                     legal, other, total*} (自然人, 商业企业, 科研机构,
 *                                     社会公益组织, 法律服务机构, 其他, 总计)
 *   reviews {review, litigation_direct, litigation_after_review, has_reviews*}
 *                                     each {upheld, corrected, other, pending, total*}
 *   problems {main_problems, improvements}          safe Markdown
 *   other {processing_fees {notices, amount, charged*, sentence*}, work_points?,
 *          proposals?, innovations?, more?, no* {work_points?, …}}
 *                                     amount: 元, decimals as typed; sentence: e.g.
 *                                     "本年度未收取信息处理费。"; no: the sub-heading
 *                                     number of each optional item present, "（二）"
 *                                     onwards (信息处理费 is （一）)
 *   charts? {published?, applications?, list, count}
 *                                     the charts and their geometry: render/chart.h
 *
 * Ownership: every node and string of the context lives in the caller's ARENA. */
#ifndef NB_CONTEXT_H
#define NB_CONTEXT_H
#include "core/node.h"

/* Builds the context of DATA, the root of a data file that passed nb_check (on anything
 * else it still returns a context, with missing figures as 0). */
nb_node *nb_context_build(const nb_node *data, nb_arena *arena);

#endif
