<#import "_sshd.ftl" as sshd>
<@sshd.settings indent="" allowUser=sshUsers/>
