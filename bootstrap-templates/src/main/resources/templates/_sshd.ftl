<#-- sshd as plumbery wants it on every node it owns: keys only, no root, the plan's login user and the users its
     cloud-config makes, no one else (a drop-in
     that Debian's sshd_config includes before its own settings, so these win) -->
<#macro settings indent allowUser>
[=indent]# plumbery: keys only, no root login, only the plan's users
[=indent]PasswordAuthentication no
[=indent]KbdInteractiveAuthentication no
[=indent]ChallengeResponseAuthentication no
[=indent]PermitRootLogin no
[=indent]PubkeyAuthentication yes
[=indent]AllowUsers [=allowUser]
</#macro>
