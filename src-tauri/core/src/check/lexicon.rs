//! The detectors' rules: for each requirement, the sentence patterns that make its disclosure.
//! Every pattern is matched against a lowercased sentence (see `text::normalize`), so they are
//! written in lowercase. A rule holds when every `all` pattern matches the sentence, every `ctx`
//! pattern matches the sentence, its list's lead-in or its section's heading, every `heading`
//! pattern matches the heading, and no `not` pattern matches the sentence.
//!
//! Rules are keyed by requirement id. A UK id with no rules of its own (`ukgdpr.rights.access`)
//! uses the GDPR id with the same suffix (`gdpr.rights.access`); see `detectors::rules_for`.

pub struct Spec {
    pub req: &'static str,
    pub name: &'static str,
    pub all: &'static [&'static str],
    pub ctx: &'static [&'static str],
    pub heading: &'static [&'static str],
    pub not: &'static [&'static str],
}

const fn r(req: &'static str, name: &'static str, all: &'static [&'static str]) -> Spec {
    Spec { req, name, all, ctx: &[], heading: &[], not: &[] }
}

const fn rc(req: &'static str, name: &'static str, all: &'static [&'static str], ctx: &'static [&'static str]) -> Spec {
    Spec { req, name, all, ctx, heading: &[], not: &[] }
}

const fn rn(req: &'static str, name: &'static str, all: &'static [&'static str], ctx: &'static [&'static str], not: &'static [&'static str]) -> Spec {
    Spec { req, name, all, ctx, heading: &[], not }
}

/// Someone is told what they may do: a right, a request, a choice.
const RIGHTS: &str = r"\bright|\brequest|\bentitled|\byou (?:may|can|could|also have|have|are able to)\b|\bask (?:us|for)\b|\bcontact us\b|\bchoices?\b|\bunder (?:the )?gdpr|\bprivacy rights|\bdata protection rights|\bgive you (?:ways|the (?:ability|option))|\bprovide you with (?:access|ways|the ability)";
const PERSONAL: &str = r"\b(?:data|information|details|account|profile|records?|content)\b";
const PERIOD: &str = r"\b\d+\s*(?:-\s*)?(?:days?|weeks?|months?|years?|hours?)\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|thirty|sixty|ninety|a few) \(?\d*\)? ?(?:calendar |business )?(?:days?|weeks?|months?|years?)\b|\{\{retention [a-z ]+\}\}";
const KEEP: &str = r"\b(?:retain|retained|retains|retaining|retention|keep|kept|keeps|store|stored|stores|storing|hold|held|preserve|maintain|maintained|delete|deleted|deletes|erase|erased|destroy|destroyed|purge|purged|anonymi[sz]e|anonymi[sz]ed)\b";
const EMAIL: &str = r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}|\{\{(?:privacy|contact|dpo) email\}\}";
const CHILD: &str = r"\bchild|\bkids?\b|\bminors?\b|\bparent|\bunder (?:the age of )?(?:13|thirteen)\b";

pub static SPECS: &[Spec] = &[
    // --- GDPR Art. 13/14 -------------------------------------------------------------------
    r("gdpr.controller", "controller-named", &[r"\bcontrollers?\b"]),
    r("gdpr.controller", "responsible-for-data", &[r"\b(?:is|are|be) responsible for (?:the |your |processing|this|collecting|our)"]),
    r("gdpr.controller", "operated-by", &[r"\b(?:operated|provided|owned|developed|published|managed|run|offered|built|created|made) (?:and \w+ )?by\b"]),
    r("gdpr.controller", "refers-to", &[r#"\b(?:company|we|us|our|developer|owner|operator)\b.{0,80}\brefers? to\b"#]),
    r("gdpr.controller", "contact-email", &[EMAIL]),
    r("gdpr.controller", "contact-us", &[r"\bcontact (?:us|me|the (?:company|developer|owner))\b|\breach (?:us|me)\b|\bget in touch\b|\bwrite to (?:us|me)\b"]),
    r("gdpr.controller", "address", &[r"\b(?:registered (?:office|address)|address:|headquartered|located at)\b"]),
    r("gdpr.dpo", "dpo", &[r"\bdata protection officer|\bdpo\b|\bprivacy officer\b"]),
    r("gdpr.purposes", "use-for", &[r"\b(?:use|uses|used|using|process|processes|processed|collect|collects|collected)\b.{0,120}\b(?:to|for|in order to)\b"]),
    r("gdpr.purposes", "purposes", &[r"\bpurposes?\b"]),
    r("gdpr.legal-basis", "named-basis", &[r"\blegal (?:basis|bases|grounds?)\b|\blawful (?:basis|bases|grounds?)\b|\bbasis (?:for|of) (?:the |our |such )?processing|\bart(?:icle|\.)? ?6\b|\bgrounds? for processing"]),
    r("gdpr.legal-basis", "legitimate-interest", &[r"\blegitimate (?:business )?interests?\b"]),
    r("gdpr.legal-basis", "contract", &[r"\b(?:necessary|needed|required)\b.{0,40}\b(?:performance|perform|fulfil|fulfill|execution|conclusion) (?:of )?(?:a |the |our |any )?(?:contract|agreement)"]),
    r("gdpr.legal-basis", "consent-basis", &[r"\b(?:based on|on the basis of|rely on|relying on|with|by giving|require|ask for|obtain) (?:your |the user's |users' )?(?:explicit |express |prior |freely given )?consent\b"]),
    r("gdpr.legal-basis", "required-by-law", &[r"\bcomply with (?:a |any |our )?(?:applicable )?(?:legal|law)|\brequired by (?:applicable )?law\b"]),
    r("gdpr.legal-basis", "agreement", &[r"\byou agree to this\b|\bby (?:using|continuing|accessing)\b.{0,60}\byou (?:hereby )?(?:consent|agree) to (?:this|the terms)"]),
    r("gdpr.legal-basis", "legal-obligation", &[r"\b(?:necessary|needed|required) (?:for compliance|to comply) with (?:a |our |any )?legal obligation"]),
    r("gdpr.legitimate-interests", "legitimate-interest", &[r"\blegitimate (?:business )?interests?\b"]),
    // The interest pursued, named as such a purpose usually is: improving the service.
    r("gdpr.legitimate-interests", "interest-pursued", &[r"\b(?:to|and) improve (?:our|the) (?:service|app|application|products|platform)"]),
    r("gdpr.recipients", "third-parties", &[r"\bthird[- ]part(?:y|ies)\b"]),
    r("gdpr.recipients", "providers", &[r"\bservice providers?\b|\bprocessors?\b|\bvendors?\b|\bpartners?\b|\baffiliates?\b|\bauthorit(?:y|ies)\b"]),
    r("gdpr.recipients", "share-with", &[r"\b(?:share|shares|shared|sharing|disclose|discloses|disclosed|transfer|transferred|provide|sell|rent)\b.{0,80}\b(?:with|to)\b"]),
    rn("gdpr.transfers", "outside-country", &[r"\b(?:transfer\w*|transmit\w*|stored|processed|maintained|hosted|located|moved|sent)\b", r"\boutside (?:of )?(?:the |your )|\b(?:other|another|third|foreign) (?:countr|jurisdiction)|\bcountries\b|\binternational(?:ly)?\b|\beea\b|\beuropean economic area|\beuropean union|\babroad|\bcross-border|\bunited states\b|\bu\.s\.|\busa\b"], &[], &[r"\bcalifornia\b"]),
    r("gdpr.transfers", "safeguards", &[r"standard contractual clauses|adequacy decision|privacy shield|data privacy framework|binding corporate rules|\bsccs?\b|adequate (?:level of )?protection"]),
    r("gdpr.transfers", "servers-located", &[r"\bservers?\b.{0,40}\b(?:located|based|hosted|situated)\b"]),
    rc("gdpr.retention", "period", &[KEEP, PERIOD], &[]),
    r("gdpr.retention", "as-long-as", &[KEEP, r"\bas long as\b|\bno longer than\b|\bfor the (?:period|time|duration)\b|\buntil\b|\bonly for (?:as long|the (?:period|time|duration))\b|\bfor (?:a|the) (?:limited|reasonable|minimum) (?:period|time)|\bperiod of time\b|\bfor the duration\b"]),
    r("gdpr.retention", "retention-policy", &[r"\bretention (?:period|policy|policies|schedule|time)s?\b|\bretention of (?:your |personal )?(?:data|information)\b|\bdata retention\b"]),
    rn("gdpr.retention", "on-device", &[r"\b(?:retained|kept|stored|saved|remains?) (?:only )?(?:locally|on your (?:device|phone|computer))"], &[], &[r"\bcookie|\bbrowser"]),
    r("gdpr.retention", "no-storage", &[r"\b(?:do not|don't|does not|doesn't|never|will not|won't|not) (?:\w+ )?(?:store|retain|keep|save)\b"]),
    rn("gdpr.rights.access", "access", &[r"\baccess\b", PERSONAL], &[RIGHTS], &[r"\b(?:enable|disable|revoke|grant|permission)\b.{0,30}\baccess|\baccess (?:permission|to (?:your |the )?(?:device|camera|location|gmail|google|contacts|microphone|photos|storage))|\baccess or permission"]),
    rc("gdpr.rights.access", "copy", &[r"\b(?:a )?cop(?:y|ies) of (?:the |your |any |all )?(?:personal )?(?:data|information)|\bwhat (?:personal )?(?:data|information) we (?:hold|have|keep|process)"], &[RIGHTS]),
    rc("gdpr.rights.access", "access-item", &[r"^(?:the )?(?:right (?:of|to) )?access\b|\bright (?:of|to) access"], &[]),
    rc("gdpr.rights.rectification", "rectify", &[r"\brectif|\bcorrect(?:ion|ed|ing)?\b|\binaccura|\bincomplete\b"], &[RIGHTS]),
    rc("gdpr.rights.rectification", "update", &[r"\b(?:update|amend|modify|edit|change)\b.{0,40}\b(?:personal |your |the |any |account )?(?:data|information|details|profile)\b|\baccess, (?:update|correct)|\bupdate,? (?:or|and) (?:delete|correct)|\bways to (?:update|correct) it\b"], &[RIGHTS]),
    rc("gdpr.rights.erasure", "erase", &[r"\beras(?:e|ed|ure|ing)\b|\bright to be forgotten|\bdelet(?:e|ed|ion|ing)\b|\bremov(?:e|ed|al)\b", PERSONAL], &[RIGHTS]),
    rc("gdpr.rights.erasure", "erasure-item", &[r"^(?:the )?(?:right (?:of|to) )?(?:erasure|deletion|delete)\b|\bright to (?:erasure|deletion|delete|be forgotten)"], &[]),
    rc("gdpr.rights.restriction", "restrict", &[r"\brestrict(?:ion|ing|ed)?\b|\blimit(?:ation)? (?:of |on |the )?(?:the )?(?:use|processing|how we)"], &[RIGHTS]),
    r("gdpr.rights.objection", "opt-out", &[r"\bopt(?:-| )?out rights|\bunsubscrib|\bstop (?:all )?(?:the )?collection|\bno longer (?:wish|want) to receive|\bopt(?:-| )?out of (?:the |this |certain |such )?(?:data )?(?:collection|processing|use)"]),
    rc("gdpr.rights.objection", "object", &[r"\bobject(?:s|ing)? to\b|\bright to object|\bobjection\b|^object\b"], &[RIGHTS]),
    r("gdpr.rights.portability", "portability", &[r"\bportab|\bmachine[- ]readable|\bcommonly used\b.{0,30}\bformat|\btransmit\w* (?:it |them |that data |your data |this data |those data )?(?:directly )?to another"]),
    r("gdpr.withdraw-consent", "opt-out", &[r"\bopt(?:-| )?out\b|\bunsubscrib|\bchange your mind\b|\bstop (?:all )?(?:the )?collection|\bdisable\b.{0,80}\b(?:at any time|settings)|\bat any time\b.{0,80}\b(?:disable|opt|stop|turn off|revoke)"]),
    r("gdpr.withdraw-consent", "withdraw", &[r"\b(?:withdraw\w*|revoke\w*|revocation|retract\w*|take back|cancel)\b", r"\bconsent|\bpermission|\bauthori[sz]ation|\bagreement\b"]),
    r("gdpr.complaint", "authority", &[r"\bsupervisory authorit|\bdata protection (?:authorit|agency|commission|supervisor|regulator)|\binformation commissioner|\b(?:the )?ico\b|\bcnil\b|\bgarante\b|\baepd\b|\bdata protection board\b"]),
    r("gdpr.complaint", "complain-to-regulator", &[r"\bcomplain|\bcomplaint", r"\bauthorit|\bcommissioner|\bregulator|\bsupervis|\bdpa\b|\bgovernment agency"]),
    r("gdpr.statutory-requirement", "obliged", &[r"\b(?:not )?(?:obliged|obligated|required|mandatory|compulsory|under no obligation|not required) to (?:provide|give|supply)\b|\b(?:providing|provision of|giving) (?:your |this |the |such |personal )?(?:data|information)\b.{0,40}\b(?:is|are) (?:not )?(?:mandatory|optional|voluntary|required|necessary|a (?:statutory|contractual) requirement)|\b(?:mandatory|optional|required) (?:fields?|information)\b|\bon a voluntary basis\b|\bvoluntarily (?:provide|give|submit)"]),
    rn("gdpr.statutory-requirement", "if-not-provided", &[r"\b(?:if|should|where|when|unless) you (?:choose not to|do not|don't|refuse to|decline to|fail to|prefer not to|opt not to|elect not to)\b.{0,30}\b(?:provide|give|supply|share|submit|enter|allow|grant)|\bfailure to provide|\bwithout (?:this|that|such|these|those|providing (?:this|that|such|the|your))\b.{0,20}\b(?:data|information|details)"], &[], &[r"\bcookie"]),
    r("gdpr.statutory-requirement", "law-or-contract", &[r"\b(?:law|contract)s?\b.{0,30}\brequires? you to (?:give|provide|supply)|\b(?:needed|required|necessary) for (?:our|the|a) contract\b|\bwithout (?:it|these|this|them|that information)\b,? we (?:cannot|can't|can not|are unable to)|\b(?:fields?|everything else|all other \w+)\b.{0,40}\b(?:are|is) optional\b"]),
    r("gdpr.statutory-requirement", "statutory", &[r"\bstatutory or contractual|\bcontractual requirement|\brequirement necessary to enter"]),
    rn("gdpr.statutory-requirement", "not-able", &[r"\b(?:may|will|might) not be able to\b|\bunable to (?:use|access|provide|offer)|\bcannot (?:use|provide|offer)\b", r"\bprovide|\bgive|\bwithout|\brefuse|\bdecline|\bchoose not"], &[], &[r"\bcookie"]),
    r("gdpr.automated-decisions", "automated", &[r"\bautomated (?:individual )?decision|\bautomated (?:means|processing)\b.{0,60}\bdecision|\bdecisions? (?:based )?(?:solely )?(?:on|by) automated|\bprofiling\b|\bautomatic decision"]),
    r("gdpr.categories", "data-kinds", &[r"\b(?:e-?mail address|name|phone number|telephone|ip address|device|location|postal address|usage data|cookies|identifiers?|date of birth|age|gender|photos?|contacts|payment|browser|operating system)\b"]),
    r("gdpr.categories", "categories", &[r"\bcategor(?:y|ies) of (?:personal )?(?:data|information)|\btypes? of (?:personal )?(?:data|information)|\bpersonal (?:data|information)\b"]),
    r("gdpr.sources", "from-others", &[r"\b(?:receive|receives|received|obtain|obtains|obtained|collect|collects|collected|get|gets|gather|gathered|access|import|provided|shared)\b.{0,80}\bfrom (?:third|other|our partners|partners|public|publicly|social|service providers|your (?:social|google|facebook|apple|friends|contacts|employer|organi[sz]ation)|the (?:social|third)|google|facebook|apple|advertis|analytics|data brokers)"]),
    r("gdpr.sources", "third-party-collection", &[r"\bpublicly available|\bthird[- ]party (?:services|sdks?|libraries)\b.{0,80}\bcollect|\b(?:collect|obtain|receive)\w*\b.{0,60}\bthrough third[- ]party"]),
    r("gdpr.sources", "public-sources", &[r"\bpublicly (?:available|accessible)\b|\bother sources\b|\bthird[- ]party sources\b|\bsources? of (?:the |your |personal )?(?:data|information)|\bsocial media services?\b|\b(?:sign|log)(?:ging)? in (?:with|through|via|using)\b|\bthrough (?:a |your |the )?(?:third[- ]party )?(?:social|google|facebook|apple) "]),
    Spec { req: "gdpr.objection-separate", name: "objection-own-heading", all: &[r"\bobject"], ctx: &[], heading: &[r"\bobject"], not: &[] },
    Spec { req: "gdpr.objection-separate", name: "objection-emphasised", all: &[r"^right to object|\bright to object\b.{0,20}$"], ctx: &[], heading: &[], not: &[] },
    // --- UK --------------------------------------------------------------------------------
    r("ukgdpr.ico", "ico", &[r"\binformation commissioner|\bico\b"]),
    r("ukgdpr.complaint", "ico", &[r"\binformation commissioner|\bico\b"]),
    r("ukgdpr.transfers", "uk-mechanism", &[r"\bidta\b|international data transfer agreement|\buk addendum|\buk adequacy|\buk extension|\badequacy regulations|\buk international data transfer"]),
    r("ukgdpr.representative", "uk-rep", &[r"\b(?:uk|united kingdom) representative|\brepresentative in the (?:uk|united kingdom)|\{\{uk representative\}\}"]),
    rn("ukgdpr.complaint-to-controller", "complain-to-us", &[r"\bcomplain|\bcomplaint"], &[], &[r"\bsupervisory|\bcommissioner|\bico\b|\bauthorit"]),
    // --- California --------------------------------------------------------------------------
    r("ccpa.categories-collected", "statute-categories", &[r"\bidentifiers\b|\bcategories of personal information\b|\bcommercial information\b|\binternet or (?:other )?(?:similar )?(?:electronic )?network activity|\bgeolocation data\b|\bprofessional or employment|\binferences\b"]),
    r("ccpa.sources", "sources", &[r"\bcategories of sources|\bsources? of (?:the |your )?(?:personal )?information|\bwe (?:collect|obtain|receive)\b.{0,80}\bfrom\b|\bdirectly from you\b"]),
    r("ccpa.sources", "sources-column", &[r"\|\s*sources?\s*\|"]),
    r("ccpa.purposes", "business-purposes", &[r"\bbusiness (?:or commercial )?purposes?|\bcommercial purposes?|\bpurposes? (?:for|of) (?:collecting|collection|which)"]),
    r("ccpa.sold-shared", "sold-shared", &[r"\bsold or shared|\bsell or share|\bsell(?:s|ing)? (?:or share )?(?:your )?personal information|\bcross-context behavio|\bsold\b.{0,60}\bshared\b"]),
    r("ccpa.minors-sale", "under-16", &[r"\bunder (?:the age of )?(?:16|sixteen)\b", r"\bsell|\bsold|\bshar"]),
    r("ccpa.disclosed-business-purpose", "business-purpose", &[r"\bdisclosed? (?:\w+ )?for (?:a |our )?business purposes?|\bbusiness purpose\b.{0,80}\b(?:disclos|recipient|service provider|categor)"]),
    r("ccpa.sensitive", "sensitive", &[r"\bsensitive personal (?:information|data)"]),
    rc("ccpa.retention", "period", &[KEEP, PERIOD], &[]),
    r("ccpa.retention", "criteria", &[KEEP, r"\bas long as\b|\bno longer than\b|\bcriteria\b|\buntil\b"]),
    r("ccpa.right-know", "know", &[r"\bright to (?:know|access)|\brequest to know|\baccess (?:to )?(?:the |your )?personal information"]),
    r("ccpa.right-delete", "delete", &[r"\bright to (?:delete|deletion|request deletion)|\brequest (?:to delete|deletion)|\bdelete (?:the |your )?personal information"]),
    rc("ccpa.right-delete", "delete-among-rights", &[r"\bto delete\b|\bdeletion\b"], &[r"\bright"]),
    r("ccpa.right-correct", "correct", &[r"\bright to correct|\brequest (?:to correct|correction)|\bcorrect (?:the |any )?inaccurate"]),
    rc("ccpa.right-correct", "correct-among-rights", &[r"\bto correct\b|\bcorrection\b"], &[r"\bright"]),
    r("ccpa.right-opt-out", "opt-out", &[r"\bopt[- ]out\b|\bdo not sell\b", r"\bsale|\bsell|\bshar"]),
    r("ccpa.right-limit", "limit", &[r"\blimit the use\b|\bright to limit|\blimit (?:our )?use of (?:your )?sensitive"]),
    r("ccpa.non-discrimination", "non-discrimination", &[r"\bdiscriminat|\bretaliat"]),
    r("ccpa.request-methods", "how-to-request", &[r"\b(?:submit|make|send|exercise|use)\b.{0,60}\b(?:request|rights?)\b", r"\bemail|\be-mail|\bcall|\bphone|\bform\b|\bwrite|@|\{\{privacy email\}\}|\bportal|\bsettings|\btoll-free|\bonline"]),
    r("ccpa.verification", "verify", &[r"\bverif(?:y|ied|ication|iable)|\bconfirm your identity"]),
    r("ccpa.opt-out-signals", "gpc", &[r"\bglobal privacy control|\bgpc\b|\bopt-out preference signal"]),
    r("ccpa.authorized-agent", "agent", &[r"\bauthori[sz]ed agent"]),
    r("ccpa.contact", "email", &[EMAIL]),
    r("ccpa.contact", "contact-us", &[r"\bcontact us\b|\bquestions\b.{0,60}\b(?:email|write|call|contact)"]),
    r("ccpa.last-updated", "date", &[r"\b(?:effective|last (?:updated|modified|revised|changed)|updated on|updated:|revised on|date of last)\b|\{\{effective date\}\}"]),
    r("ccpa.admt", "admt", &[r"\bautomated decision-?making technology|\badmt\b"]),
    r("ccpa.financial-incentive", "incentive", &[r"\bfinancial incentive|\bprice or service difference"]),
    // --- COPPA ---------------------------------------------------------------------------------
    rc("coppa.operator-contact", "operator", &[r"@|\bphone|\baddress|\bcontact|\{\{(?:privacy|contact) email\}\}"], &[CHILD]),
    rc("coppa.collection", "collect-from-children", &[r"\bcollect|\bgather|\buse\b"], &[CHILD]),
    r("coppa.parental-rights", "parents", &[r"\bparents?\b|\bguardians?\b", r"\breview|\bdelete|\brefuse|\bstop|\brevoke|\bwithdraw"]),
    rc("coppa.third-parties", "children-disclosed", &[r"\bthird[- ]part|\bdisclos|\bshare"], &[CHILD]),
    rc("coppa.retention", "children-retention", &[KEEP], &[CHILD]),
    r("coppa.separate-consent", "separate", &[r"\bseparate\b", r"\bconsent", r"\bparent|\bguardian"]),
    // --- General good practice -------------------------------------------------------------------
    r("general.effective-date", "date", &[r"\b(?:effective|last (?:updated|modified|revised|changed)|updated on|updated:|revised on|date of last)\b|\{\{effective date\}\}"]),
    r("general.children", "children", &[r"\bchild(?:ren)?\b|\bminors?\b|\bunder (?:the age of )?\d{1,2}\b|\bat least (?:\d{1,2}|\{\{min age\}\})|\{\{min age\}\}"]),
    r("general.security", "security", &[r"\bsecur|\bencrypt|\bsafeguard|\bprotect (?:your|the|personal|against)"]),
    r("general.cookies", "cookies", &[r"\bcookies?\b|\btracking technolog|\bsimilar technolog|\bsdks?\b"]),
    r("general.changes", "changes", &[r"\b(?:change|changes|changed|update|updates|updated|modify|modified|amend|revise)\b.{0,80}\b(?:this|our|the) (?:privacy )?(?:policy|notice|statement)|\b(?:this|our) (?:privacy )?(?:policy|notice)\b.{0,60}\b(?:change|update|modif|amend|revis)"]),
    r("general.contact", "email", &[EMAIL]),
    r("general.contact", "contact-us", &[r"\bcontact (?:us|me)\b|\bget in touch\b|\bwrite to (?:us|me)\b"]),
    r("general.processors", "processors", &[r"\bservice providers?\b|\bprocessors?\b|\bsub-?processors?\b|\bvendors?\b|\{\{processors\}\}"]),
    r("general.ai-providers", "ai-providers", &[r"\bai (?:model )?providers?\b|\bmodel providers?\b|\blanguage models?\b|\bllms?\b|\bartificial intelligence\b|\{\{ai providers\}\}|\bai models?\b"]),
    r("general.payments", "payments", &[r"\bpayment (?:processor|provider|service|card)s?|\bcard (?:details|numbers?|data)\b|\{\{payment processor\}\}|\bbilling\b"]),
    r("general.no-sale", "no-sale", &[r"\b(?:sell|sells|sold|selling|sale of|rent|trade)\b", r"\bpersonal|\bdata\b|\binformation\b"]),
    // --- Other US states, CalOPPA, EU AI Act, Washington ------------------------------------------
    rc("us-states.rights", "state-laws", &[r"\bvirginia|\bcolorado|\bconnecticut|\butah\b|\btexas|\boregon|\bother (?:us |u\.s\. )?states\b|\bstate (?:consumer )?privacy laws?|\bresidents of certain (?:us )?states"], &[r"\bright"]),
    r("us-states.appeal", "appeal", &[r"\bappeal"]),
    r("us-states.sensitive-consent", "sensitive-consent", &[r"\bsensitive", r"\bconsent"]),
    r("us-states.third-party-list", "list", &[r"\blist of (?:the )?(?:specific )?third parties"]),
    r("us-states.texas-sensitive-sale", "notice", &[r"we may sell your sensitive personal data"]),
    r("us-states.ct-llm-training", "llm", &[r"\btrain", r"\blanguage models?|\bllms?\b|\bmodels?\b"]),
    r("caloppa.dnt", "dnt", &[r"\bdo not track|\bdo-not-track|\bdnt\b"]),
    r("caloppa.third-party-tracking", "tracking", &[r"\bthird[- ]part(?:y|ies)|\bother (?:companies|parties)|\badvertis", r"\bover time|\bacross (?:different |other )?(?:web)?sites|\bonline activit|\btrack"]),
    r("euaiact.interaction", "interaction", &[r"\binteract\w* with (?:an? )?(?:ai|artificial|automated|bot|chatbot)|\bai system|\btalking (?:to|with) an? (?:ai|bot|machine)|\bnot a human"]),
    r("euaiact.synthetic-content", "synthetic", &[r"\bai-generated|\bgenerated by (?:ai|artificial|our ai)|\bsynthetic|\bwatermark|\bmachine-readable mark|\blabel\w* (?:as )?(?:ai|generated)"]),
    r("wa.mhmda", "mhmda", &[r"\bconsumer health data|\bmy health my data"]),
];
