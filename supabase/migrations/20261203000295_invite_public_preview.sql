/*
 * What an invite link shows to someone not signed in yet: which organization, who invited
 * them, the role and the invited address (prefilled at sign-up). Only to the holder of the
 * link: the token is checked here (its SHA-256 must equal the stored hash) before anything
 * is returned; a wrong token or id returns no row, the same as an unknown invite. The token
 * is 32 random bytes, so trying tokens is hopeless and the comparison's timing tells nothing
 * about the stored hash's preimage. Accepting still needs a signed-in, confirmed account
 * with that address (private.accept_invite).
 */
create or replace function public.invite_for_token(p_invite_id uuid, p_token text)
returns table (org_name text, inviter_name text, role public.member_role, email text, state text)
  language sql
  stable
  security definer
  set search_path = ''
as $$
  select o.name,
         nullif(case when p.deleted_at is null then p.full_name else '' end, ''),
         i.role,
         i.email,
         case when i.accepted_at is not null or i.revoked_at is not null then 'used'
              when i.expires_at <= now() then 'expired'
              else 'valid' end
  from public.invites i
  join public.organizations o on o.id = i.org_id
  left join public.profiles p on p.id = i.invited_by
  where i.id = p_invite_id
    and char_length(p_token) between 20 and 200
    and i.token_hash = encode(sha256(convert_to(p_token, 'UTF8')), 'hex')
    and o.deleted_at is null
$$;

revoke all on function public.invite_for_token(uuid, text) from public;
grant execute on function public.invite_for_token(uuid, text) to anon, authenticated;
