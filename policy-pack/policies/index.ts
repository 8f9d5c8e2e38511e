import type { Policies } from "@pulumi/policy";
import { exemptionNotice } from "./exemption-notice";
import { topicPolicies } from "./topic-policies";

/** The pack's policies in evaluation order: the exemption notice must come after the policies that exempt. */
export const policies: Policies = [...topicPolicies, exemptionNotice];
