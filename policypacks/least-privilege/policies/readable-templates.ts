/**
 * `readable-embedded-templates`: IAM made through another engine must be readable, or the prod
 * gate cannot see it. A CloudFormation template given by URL, text that is neither JSON nor
 * YAML, a Transform (macros such as AWS::Serverless rewrite the template at deploy time), a
 * nested stack by URL, or an intrinsic function that hides what a policy document grants (an
 * `Fn::If` around a statement, a `Ref` where an action should be) is a finding: security class,
 * mandatory in production, advisory elsewhere.
 */
import { DocumentCheck } from "../check";
import { embeddedTemplateFix } from "../iam/embedded-documents";
import { Finding } from "../finding";

export const readableEmbeddedTemplates: DocumentCheck = {
    name: "readable-embedded-templates",
    findingClass: "security",
    description: "IAM made inside CloudFormation templates and Cloud Control resources is readable, so the production gate can judge it.",
    check(document): Finding[] {
        if (document.unreadable === undefined) return [];
        const byUrl = /given by URL|TemplateURL/.test(document.unreadable);
        return [{
            document: document.field,
            actions: [],
            problem: `${document.unreadable}, so no policy could judge it`,
            fix: byUrl
                ? "pass the template inline as templateBody (for example fs.readFileSync of the file you upload), or create the IAM resources with Pulumi"
                : /Transform/.test(document.unreadable)
                    ? "deploy the expanded template (`sam package`/`aws cloudformation package` output, or `aws cloudformation get-template --template-stage Processed`), or create the IAM resources with Pulumi"
                    : /cannot be read/.test(document.unreadable) ? "give a valid JSON or YAML template" : embeddedTemplateFix,
        }];
    },
};
