'use server';
/** Training's form actions: a member's department (Members page; owners and admins). */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { orgAction } from '@/lib/http/action';
import { ZDepartment } from '@/lib/orgs/api-schemas';
import { setMemberDepartment } from '@/lib/orgs/service';
import { ZSlug } from '@/lib/orgs/slug';

export const setDepartmentAction = orgAction(
  { input: z.object({ slug: ZSlug, userId: z.uuid(), department: ZDepartment.default('') }), permission: 'members.manage' },
  async ({ org, input, tx }) => {
    await setMemberDepartment(tx, org.id, input.userId, input.department);
    revalidatePath(`/o/${org.slug}/members`);
    return { notice: input.department ? `Department set to ${input.department}.` : 'Department cleared.' };
  },
);
