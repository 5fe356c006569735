/**
 * Origination identities the AWS EUM X sender may send from (seed 004 "Resource Scoping"):
 * phone numbers by ID and sender IDs by name and country, as the Service Authorization
 * Reference formats their ARNs (`phone-number/<PhoneNumberId>`, `sender-id/<SenderId>/<IsoCountryCode>`).
 */
import { Arns } from "../iam/arn";

/** A sender ID registered for one country. */
export interface SenderId {
    readonly senderId: string;
    readonly isoCountryCode: string;
}

/**
 * What is wrong with a phone-number ID, or undefined. Only the ID is accepted, not an ARN: the
 * ARN is built for each configured region and the configured account.
 */
export function phoneNumberIdProblem(id: string): string | undefined {
    if (id.startsWith("arn:")) return "is an ARN; give the phone-number ID (phone-number-<32 hex digits>), the ARN is built per configured region";
    return /^phone-number-[0-9a-f]{32}$/.test(id) ? undefined : "is not a phone-number ID (phone-number- followed by 32 lowercase hex digits)";
}

/** Parses `<SenderId>/<IsoCountryCode>`, e.g. `EUMX/GB`. */
export function parseSenderId(text: string): SenderId | undefined {
    const match = /^([A-Za-z0-9_-]{1,11})\/([A-Z]{2})$/.exec(text);
    if (!match || !/[A-Za-z]/.test(match[1])) return undefined;
    return { senderId: match[1], isoCountryCode: match[2] };
}

export function senderIdProblem(text: string): string | undefined {
    return parseSenderId(text) ? undefined
        : "is not <SenderId>/<IsoCountryCode> (1-11 letters, digits, hyphens or underscores with at least one letter, a slash, a two-letter uppercase ISO country code), e.g. EUMX/GB";
}

/** The ARNs of every configured origination identity in every configured region. */
export function originationArns(arns: Arns, regions: readonly string[], phoneNumberIds: readonly string[], senderIds: readonly SenderId[]): string[] {
    return regions.flatMap((region) => [
        ...phoneNumberIds.map((id) => arns.in(region).smsPhoneNumber(id)),
        ...senderIds.map((s) => arns.in(region).smsSenderId(s.senderId, s.isoCountryCode)),
    ]);
}
