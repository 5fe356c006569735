/** Which workload (and so which config key) a registered resource belongs to. */

/** The workload sections, in the order the stack files and reports list them, with their seed's name. */
export const workloadTitles: Readonly<Record<string, string>> = {
    "aws-workloads:ocr": "MedDocParser OCR (seed 000)",
    "aws-workloads:bedrock": "Wealth management Bedrock access (seed 001)",
    "aws-workloads:sms": "AWS EUM X SMS sender (seed 004)",
    "aws-workloads:engagement": "Customer engagement platform (seed 003)",
};

/** The config key of the workload a resource belongs to: its outermost component's module, from the URN's type chain. */
export function workloadKeyOf(urn: string): string | undefined {
    const chain = urn.split("::")[2] ?? "";
    const match = /^aws-workloads:([a-z]+):/.exec(chain);
    return match && `aws-workloads:${match[1]}` in workloadTitles ? `aws-workloads:${match[1]}` : undefined;
}
