<#-- the plan's login user, the same in the first-boot user-data and in the full cloud-config: the plan's key,
     password-less sudo, no password -->
<#macro loginUser>
  - name: [=yaml(login.user)]
    gecos: "plumbery operator"
    shell: /bin/bash
    sudo: "ALL=(ALL) NOPASSWD:ALL"
    lock_passwd: true
    ssh_authorized_keys:
      - [=yaml(login.publicKey)]
</#macro>
